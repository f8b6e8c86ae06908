using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests.Release;

public sealed class MetricsInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Should_Read_Inline_Json_When_The_Argument_Starts_With_A_Brace()
    {
        var metrics = MetricsInput.Parse("""  {"accuracy": 0.91, "latency_p99_ms": 87, "loss": -1.5e-2}  """, _temp.Path);

        Assert.Equal(3, metrics.Count);
        Assert.Equal(0.91, metrics["accuracy"]);
        Assert.Equal(87, metrics["latency_p99_ms"]);
        Assert.Equal(-0.015, metrics["loss"]);
    }

    [Fact]
    public void Should_Read_A_File_Relative_To_The_Working_Directory()
    {
        // Given
        _temp.WriteFile("eval/metrics.json", """{"accuracy": 0.88}""");

        // When
        var metrics = MetricsInput.Parse("eval/metrics.json", _temp.Path);

        // Then
        Assert.Equal(0.88, Assert.Single(metrics).Value);
    }

    [Fact]
    public void Should_Read_An_Absolute_Path_As_Is()
    {
        var path = _temp.WriteFile("metrics.json", """{"auc": 0.7}""");

        var metrics = MetricsInput.Parse(path, "/somewhere/else");

        Assert.Equal(0.7, metrics["auc"]);
    }

    [Fact]
    public void Should_Accept_An_Empty_Object_So_Validation_Reports_The_Missing_Metrics()
    {
        Assert.Empty(MetricsInput.Parse("{}", _temp.Path));
    }

    [Fact]
    public void Should_Read_NaN_And_Infinity_Strings_As_Non_Finite_Values_For_The_Gate_To_Reject()
    {
        var metrics = MetricsInput.Parse("""{"a": "NaN", "b": "Infinity", "c": "-Infinity"}""", _temp.Path);

        Assert.True(double.IsNaN(metrics["a"]));
        Assert.Equal(double.PositiveInfinity, metrics["b"]);
        Assert.Equal(double.NegativeInfinity, metrics["c"]);
    }

    [Fact]
    public void Should_Read_The_Bare_NaN_And_Infinity_Python_Writes()
    {
        // Given: what json.dump({"a": float("nan"), ...}) writes, which is not JSON
        _temp.WriteFile("metrics.json", """{"a": NaN, "b": Infinity, "c": -Infinity, "note_NaN": 1}""");

        // When
        var metrics = MetricsInput.Parse("metrics.json", _temp.Path);

        // Then
        Assert.True(double.IsNaN(metrics["a"]));
        Assert.Equal(double.PositiveInfinity, metrics["b"]);
        Assert.Equal(double.NegativeInfinity, metrics["c"]);
        Assert.Equal(1, metrics["note_NaN"]);
    }

    [Fact]
    public void Should_Not_Take_A_Word_That_Merely_Starts_With_NaN_For_The_Token()
    {
        var error = Assert.Throws<RegistryException>(() => MetricsInput.Parse("{\"a\": NaNa}", _temp.Path));

        Assert.Contains("is not valid JSON at line 1", error.Message);
    }

    [Fact]
    public void Should_Leave_NaN_Inside_A_String_Alone()
    {
        var error = Assert.Throws<RegistryException>(() => MetricsInput.Parse("""{"a": "NaN or so"}""", _temp.Path));

        Assert.Contains("'a' is \"NaN or so\", not a number", error.Message);
    }

    [Theory]
    [InlineData("""{"accuracy": "high"}""", "--metrics: 'accuracy' is \"high\", not a number. Give numbers, e.g. {\"accuracy\": 0.91}.")]
    [InlineData("""{"accuracy": "0.91"}""", "--metrics: 'accuracy' is \"0.91\", not a number. Write it without quotes.")]
    [InlineData("""{"accuracy": null}""", "'accuracy' is null, not a number")]
    [InlineData("""{"accuracy": true}""", "'accuracy' is true, not a number")]
    [InlineData("""{"accuracy": {"value": 0.9}}""", "'accuracy' is an object, not a number")]
    [InlineData("""{"accuracy": [0.9]}""", "'accuracy' is an array, not a number")]
    [InlineData("""{"accuracy": 1e999}""", "'accuracy' is 1e999, which is beyond the range of a double")]
    [InlineData("""{"accuracy": 0.9, "accuracy": 0.8}""", "key 'accuracy' appears twice in the metrics")]
    [InlineData("""{"": 0.9}""", "a metric has an empty name")]
    [InlineData("""{"accuracy": 0.9""", "--metrics is not valid JSON at line 1")]
    public void Should_Name_The_Key_And_The_Fix_When_The_Metrics_Are_Not_Name_To_Number(string argument, string expected)
    {
        var error = Assert.Throws<RegistryException>(() => MetricsInput.Parse(argument, _temp.Path));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Should_Refuse_Json_That_Is_Not_An_Object()
    {
        _temp.WriteFile("metrics.json", "[0.9, 0.8]");

        var error = Assert.Throws<RegistryException>(() => MetricsInput.Parse("metrics.json", _temp.Path));

        Assert.Contains("--metrics file 'metrics.json' must be a JSON object of metric name → number, not an array", error.Message);
    }

    [Fact]
    public void Should_Name_The_File_And_The_Line_When_A_File_Is_Malformed()
    {
        _temp.WriteFile("metrics.json", "{\n  \"accuracy\": 0.9,\n  \"auc\": .7\n}");

        var error = Assert.Throws<RegistryException>(() => MetricsInput.Parse("metrics.json", _temp.Path));

        Assert.StartsWith("--metrics file 'metrics.json' is not valid JSON at line 3", error.Message);
    }

    [Fact]
    public void Should_Name_Where_It_Looked_When_The_File_Is_Missing()
    {
        var error = Assert.Throws<RegistryException>(() => MetricsInput.Parse("eval/metrics.json", _temp.Path));

        Assert.Contains($"--metrics file 'eval/metrics.json' not found (looked for {_temp.Combine("eval/metrics.json")})", error.Message);
        Assert.Contains("or the metrics inline, e.g. --metrics='{\"accuracy\": 0.91}'", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Should_Refuse_An_Empty_Argument(string argument)
    {
        var error = Assert.Throws<RegistryException>(() => MetricsInput.Parse(argument, _temp.Path));

        Assert.Contains("--metrics is empty", error.Message);
        Assert.Contains("--metrics=metrics.json", error.Message);
    }

    [Fact]
    public void Should_Read_Name_Value_Pairs_Trimming_Spaces()
    {
        var hyperparameters = MetricsInput.ParseHyperparameters(" lr = 0.001 , epochs=20,optimizer=adam ", _temp.Path);

        Assert.Equal(
            new Dictionary<string, string> { ["lr"] = "0.001", ["epochs"] = "20", ["optimizer"] = "adam" },
            hyperparameters);
    }

    [Fact]
    public void Should_Keep_Everything_After_The_First_Equals_Sign_As_The_Value()
    {
        var hyperparameters = MetricsInput.ParseHyperparameters("filter=a=b", _temp.Path);

        Assert.Equal("a=b", hyperparameters["filter"]);
    }

    [Fact]
    public void Should_Read_A_Json_File_Rendering_Every_Value_As_Text()
    {
        // Given
        _temp.WriteFile("params.json", """
            {
              "lr": 1e-3,
              "epochs": 20,
              "optimizer": "adam",
              "shuffle": true,
              "max_depth": null,
              "layers": [128, 64],
              "schedule": {
                "kind": "cosine",
                "warmup": 5
              }
            }
            """);

        // When
        var hyperparameters = MetricsInput.ParseHyperparameters("params.json", _temp.Path);

        // Then
        Assert.Equal("1e-3", hyperparameters["lr"]);
        Assert.Equal("20", hyperparameters["epochs"]);
        Assert.Equal("adam", hyperparameters["optimizer"]);
        Assert.Equal("true", hyperparameters["shuffle"]);
        Assert.Equal("null", hyperparameters["max_depth"]);
        Assert.Equal("[128,64]", hyperparameters["layers"]);
        Assert.Equal("""{"kind":"cosine","warmup":5}""", hyperparameters["schedule"]);
    }

    [Fact]
    public void Should_Read_A_File_Whose_Name_Contains_An_Equals_Sign_As_A_File()
    {
        _temp.WriteFile("lr=0.1.json", """{"lr": 0.1}""");

        var hyperparameters = MetricsInput.ParseHyperparameters("lr=0.1.json", _temp.Path);

        Assert.Equal("0.1", Assert.Single(hyperparameters).Value);
        Assert.Equal("lr", hyperparameters.Keys.Single());
    }

    [Fact]
    public void Should_Read_Pairs_When_Text_With_An_Equals_Sign_Names_No_File()
    {
        var hyperparameters = MetricsInput.ParseHyperparameters("config=configs/base.json", _temp.Path);

        Assert.Equal("configs/base.json", hyperparameters["config"]);
    }

    [Fact]
    public void Should_Say_File_Not_Found_For_A_Missing_Json_Path()
    {
        var error = Assert.Throws<RegistryException>(() => MetricsInput.ParseHyperparameters("params.json", _temp.Path));

        Assert.Contains("--hyperparameters file 'params.json' not found", error.Message);
        Assert.Contains("--hyperparameters=lr=0.001,epochs=20", error.Message);
    }

    [Theory]
    [InlineData("lr=0.001,epochs", "'epochs' has no '='. Give each one as name=value, e.g. --hyperparameters=lr=0.001,epochs=20.")]
    [InlineData("lr=0.001,=20", "'=20' has no name before '='")]
    [InlineData("lr=", "'lr' has no value after '='")]
    [InlineData("lr=0.1,lr=0.2", "'lr' is given twice (0.1 and 0.2)")]
    [InlineData("lr=0.1,,epochs=2", "has an empty item")]
    [InlineData("lr=0.1,", "has an empty item")]
    [InlineData("adam", "'adam' is neither a file")]
    [InlineData("", "--hyperparameters is empty")]
    [InlineData("""{"lr": 0.1, "lr": 0.2}""", "key 'lr' appears twice")]
    [InlineData("[1, 2]", "neither a file")]
    public void Should_Refuse_Malformed_Hyperparameters_With_An_Example(string argument, string expected)
    {
        var error = Assert.Throws<RegistryException>(() => MetricsInput.ParseHyperparameters(argument, _temp.Path));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Should_Refuse_A_Hyperparameter_File_That_Is_Not_An_Object()
    {
        _temp.WriteFile("params.json", "[1, 2]");

        var error = Assert.Throws<RegistryException>(() => MetricsInput.ParseHyperparameters("params.json", _temp.Path));

        Assert.Contains("must be a JSON object of name → value, not an array", error.Message);
    }

    [Fact]
    public void Should_Refuse_A_Directory_Given_As_Hyperparameters()
    {
        _temp.CreateDirectory("params");

        var error = Assert.Throws<RegistryException>(() => MetricsInput.ParseHyperparameters("params", _temp.Path));

        Assert.Contains("is a directory, not a regular file", error.Message);
    }

    [Fact]
    public void Should_Read_A_File_Of_Exactly_The_Size_Limit_And_Refuse_One_Byte_More()
    {
        // Given two metrics files padded with whitespace (valid JSON) to the limit and one byte beyond it
        const string Json = """{"accuracy": 0.9}""";
        _temp.WriteFile("at-limit.json", Json + new string(' ', Internal.JsonInput.MaxFileBytes - Json.Length));
        _temp.WriteFile("over-limit.json", Json + new string(' ', Internal.JsonInput.MaxFileBytes - Json.Length + 1));

        // When both are read
        var atLimit = MetricsInput.Parse("at-limit.json", _temp.Path);
        var error = Assert.Throws<RegistryException>(() => MetricsInput.Parse("over-limit.json", _temp.Path));

        // Then the first is read whole and the second refused, naming its size and the limit
        Assert.Equal(0.9, atLimit["accuracy"]);
        Assert.Contains($"--metrics file 'over-limit.json' is too large: {Internal.JsonInput.MaxFileBytes + 1} bytes, where the limit is 1048576 bytes (1 MiB)", error.Message);
    }

    [LinuxFact]
    public void Should_Refuse_A_Proc_File_That_Reports_No_Size_But_Holds_More_Than_The_Limit()
    {
        // Given /proc/kallsyms: a "regular file" of size 0 that reads as megabytes of text
        const string Lying = "/proc/kallsyms";
        Assert.True(File.Exists(Lying) && new FileInfo(Lying).Length == 0, $"{Lying} should exist and report size 0 on Linux");

        // When it is given as the metrics file
        var error = Assert.Throws<RegistryException>(() => MetricsInput.Parse(Lying, _temp.Path));

        // Then the bounded read stops at the limit and refuses it, rather than reading it all
        Assert.Contains($"--metrics file '{Lying}' is too large: more than that, where the limit is 1048576 bytes", error.Message);
    }

    [UnixFact]
    public void Should_Refuse_A_Device_As_Hyperparameters_And_As_A_Policy_File()
    {
        var hyperparameters = Assert.Throws<RegistryException>(() => MetricsInput.ParseHyperparameters("/dev/zero", _temp.Path));
        var policy = Assert.Throws<RegistryException>(() => ReleasePolicyFile.Load("/dev/zero"));

        Assert.Contains("--hyperparameters file '/dev/zero' is a character device, not a regular file.", hyperparameters.Message);
        Assert.Contains("Release policy file '/dev/zero' is a character device, not a regular file.", policy.Message);
    }
}
