using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests.Release;

public sealed class ReleasePolicyFileTests
{
    private const string DocumentedExample = """
        {
          "model": "sentiment",
          "artifact": "tensorflow-saved-model",
          "metrics": {
            "accuracy":       { "goal": "higher", "atLeast": 0.85, "maxDrop": 0.01 },
            "latency_p99_ms": { "goal": "lower",  "atMost": 120, "maxIncreasePercent": 10 },
            "f1":             { "goal": "higher", "maxDropPercent": 2, "required": false }
          },
          "canarySteps": [10, 50],
          "keep": 5
        }
        """;

    private static readonly ReleasePolicy CodePolicy = ReleasePolicy.For("sentiment")
        .RequireArtifact(ArtifactFormat.TensorFlowSavedModel)
        .Metric(MetricRule.Higher("accuracy").AtLeastValue(0.85).MayDropBy(0.01))
        .Metric(MetricRule.Lower("latency_p99_ms").AtMostValue(120).MayGrowByPercent(10))
        .Metric(MetricRule.Higher("f1").MayDropByPercent(2).Optional())
        .WithCanarySteps(10, 50)
        .Keeping(5);

    [Fact]
    public void Should_Read_The_Documented_Example_As_The_Same_Policy_Written_In_Code()
    {
        var policy = ReleasePolicyFile.Parse(DocumentedExample, "policy.json");

        Assert.Equal(CodePolicy, policy);
    }

    [Fact]
    public void Should_Round_Trip_A_Policy_Through_Its_Json()
    {
        // Given
        var policy = CodePolicy.Metric(MetricRule.Lower("loss").AtLeastValue(0).AtMostValue(0.35).MayGrowBy(0.02))
            .RequireArtifact(ArtifactFormat.Onnx)
            .Keeping(0);

        // When
        var json = ReleasePolicyFile.ToJson(policy);
        var back = ReleasePolicyFile.Parse(json, "exported");

        // Then
        Assert.Equal(policy, back);
        Assert.Contains("\"maxIncrease\": 0.02", json);
        Assert.Contains("\"artifact\": \"onnx\"", json);
        Assert.Contains("\n  \"model\": \"sentiment\"", json);
    }

    [Fact]
    public void Should_Write_Numbers_As_Given_And_Required_Only_When_False()
    {
        var json = ReleasePolicyFile.ToJson(CodePolicy);

        Assert.Contains("\"atLeast\": 0.85", json);
        Assert.Contains("\"maxDrop\": 0.01", json);
        Assert.Contains("\"maxIncreasePercent\": 10", json);
        Assert.Single(json.Split("\"required\"").Skip(1));
        Assert.Contains("\"required\": false", json);
    }

    [Fact]
    public void Should_Refuse_To_Write_An_Invalid_Policy()
    {
        var invalid = new ReleasePolicy("mnist") { CanarySteps = [] };

        Assert.Throws<RegistryException>(() => ReleasePolicyFile.ToJson(invalid));
    }

    [Fact]
    public void Should_Fill_In_Defaults_When_Only_The_Model_Is_Given()
    {
        var policy = ReleasePolicyFile.Parse("""{"model": "mnist"}""", "policy.json");

        Assert.Equal(ReleasePolicy.For("mnist"), policy);
    }

    [Fact]
    public void Should_Accept_Comments_And_Trailing_Commas()
    {
        var policy = ReleasePolicyFile.Parse("""
            {
              // the production model
              "model": "mnist",
              "canarySteps": [5, 25,],
            }
            """, "policy.json");

        Assert.Equal([5, 25], policy.CanarySteps);
    }

    [Fact]
    public void Should_Name_The_Source_Line_And_Column_When_The_Json_Is_Malformed()
    {
        var error = Assert.Throws<RegistryException>(() => ReleasePolicyFile.Parse("{\n  \"model\": \"mnist\"\n  \"keep\": 3\n}", "ci/policy.json"));

        Assert.StartsWith("ci/policy.json is not valid JSON at line 3", error.Message);
        Assert.Contains("Fix the syntax there", error.Message);
    }

    [Fact]
    public void Should_List_The_Valid_Keys_When_A_Top_Level_Key_Is_Unknown()
    {
        var error = Assert.Throws<RegistryException>(() => ReleasePolicyFile.Parse("""{"model": "mnist", "canary": [10]}""", "policy.json"));

        Assert.Contains("policy.json: unknown key \"canary\" at the top level", error.Message);
        Assert.Contains("Valid keys: model, artifact, metrics, canarySteps, keep, analysis, routers.", error.Message);
    }

    [Fact]
    public void Should_Suggest_The_Right_Spelling_When_A_Key_Differs_Only_In_Case()
    {
        var error = Assert.Throws<RegistryException>(() => ReleasePolicyFile.Parse(
            """{"model": "mnist", "metrics": {"accuracy": {"goal": "higher", "AtLeast": 0.8}}}""", "policy.json"));

        Assert.Contains("unknown key \"AtLeast\" in metrics.accuracy", error.Message);
        Assert.Contains("Did you mean \"atLeast\"?", error.Message);
        Assert.Contains("Valid keys: goal, atLeast, atMost, maxDrop, maxDropPercent, required.", error.Message);
    }

    [Theory]
    [InlineData("""{"model": 42}""", "model must be a string, not the number 42")]
    [InlineData("""{"model": "mnist", "keep": "5"}""", "keep must be a whole number, not the string \"5\"")]
    [InlineData("""{"model": "mnist", "keep": 2.5}""", "keep must be a whole number, not the number 2.5")]
    [InlineData("""{"model": "mnist", "canarySteps": 10}""", "\"canarySteps\" must be an array of traffic percentages, not the number 10")]
    [InlineData("""{"model": "mnist", "canarySteps": [10, "50"]}""", "canarySteps[1] must be a whole number")]
    [InlineData("""{"model": "mnist", "artifact": true}""", "artifact must be a string, not the boolean true")]
    [InlineData("""{"model": "mnist", "metrics": []}""", "\"metrics\" must be an object of metric name → rule, not an array")]
    [InlineData("""{"model": "mnist", "metrics": {"accuracy": 0.9}}""", "metrics.accuracy must be an object, not the number 0.9")]
    [InlineData("""{"model": "mnist", "metrics": {"accuracy": {"goal": "higher", "atLeast": "0.8"}}}""", "metrics.accuracy.atLeast must be a finite number, not the string \"0.8\". Write it like \"atLeast\": 0.85")]
    [InlineData("""{"model": "mnist", "metrics": {"accuracy": {"goal": "higher", "atLeast": 1e999}}}""", "metrics.accuracy.atLeast must be a finite number")]
    [InlineData("""{"model": "mnist", "metrics": {"accuracy": {"goal": "higher", "required": "no"}}}""", "metrics.accuracy.required must be true or false")]
    [InlineData("""{"model": "mnist", "metrics": {"accuracy": {"goal": 1}}}""", "metrics.accuracy.goal must be a string")]
    public void Should_Name_The_Key_When_A_Value_Has_The_Wrong_Type(string json, string expected)
    {
        var error = Assert.Throws<RegistryException>(() => ReleasePolicyFile.Parse(json, "policy.json"));

        Assert.StartsWith("policy.json: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("""{"goal": "higher", "maxDrop": 0.01, "maxDropPercent": 2}""", "gives two tolerances, \"maxDrop\" and \"maxDropPercent\"")]
    [InlineData("""{"goal": "lower", "maxIncrease": 5, "maxIncreasePercent": 2}""", "gives two tolerances, \"maxIncrease\" and \"maxIncreasePercent\"")]
    [InlineData("""{"goal": "higher", "maxIncrease": 0.01}""", "has \"maxIncrease\", but its goal is \"higher\", so it regresses by dropping. Use \"maxDrop\" or \"maxDropPercent\" instead.")]
    [InlineData("""{"goal": "lower", "maxDropPercent": 3}""", "has \"maxDropPercent\", but its goal is \"lower\", so it regresses by growing. Use \"maxIncrease\" or \"maxIncreasePercent\" instead.")]
    [InlineData("""{"goal": "higher", "maxDrop": -0.01}""", "metrics.m.maxDrop is -0.01; a tolerance is how far the metric may move the wrong way, so give 0 or more")]
    [InlineData("""{"atLeast": 0.8}""", "metrics.m has no \"goal\". Say which way the metric improves")]
    [InlineData("""{"goal": "up"}""", "metrics.m.goal is \"up\". Use \"higher\" (bigger is better) or \"lower\"")]
    [InlineData("""{"goal": "higher", "atLeast": 0.9, "atMost": 0.8}""", "must be at least 0.9 and at most 0.8")]
    public void Should_Refuse_A_Metric_Rule_That_Does_Not_Make_Sense(string rule, string expected)
    {
        var json = """{"model": "mnist", "metrics": {"m": """ + rule + "}}";

        var error = Assert.Throws<RegistryException>(() => ReleasePolicyFile.Parse(json, "policy.json"));

        Assert.StartsWith("policy.json: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("""{"keep": 3}""", "there is no \"model\". Name the model the policy governs")]
    [InlineData("""{"model": "Sentiment"}""", "lower-case letters")]
    [InlineData("""{"model": "mnist", "artifact": "pytorch"}""", "\"artifact\" is \"pytorch\", which is not a format this tool knows. Use one of \"any\" or \"tensorflow-saved-model\" or \"onnx\"")]
    [InlineData("""{"model": "mnist", "canarySteps": [50, 10]}""", "(10 comes after 50)")]
    [InlineData("""{"model": "mnist", "canarySteps": [100]}""", "canary step 100")]
    [InlineData("""{"model": "mnist", "keep": -1}""", "keep is -1")]
    [InlineData("""{"model": "mnist", "keep": 1, "keep": 2}""", "key 'keep' appears twice at the top level")]
    [InlineData("""{"model": "mnist", "metrics": {"f1": {"goal": "higher"}, "f1": {"goal": "lower"}}}""", "key 'f1' appears twice in \"metrics\"")]
    [InlineData("""{"model": "mnist", "metrics": {"": {"goal": "higher"}}}""", "a metric with an empty name")]
    [InlineData("""[{"model": "mnist"}]""", "the policy must be a JSON object, not an array")]
    public void Should_Refuse_A_Policy_That_Is_Not_Valid_Saying_What_Would_Be(string json, string expected)
    {
        var error = Assert.Throws<RegistryException>(() => ReleasePolicyFile.Parse(json, "policy.json"));

        Assert.StartsWith("policy.json", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Should_Load_A_Policy_From_A_File()
    {
        using var temp = new TempDirectory();
        var path = temp.WriteFile("release-policy.json", DocumentedExample);

        Assert.Equal(CodePolicy, ReleasePolicyFile.Load(path));
    }

    [Fact]
    public void Should_Name_The_File_In_Errors_About_Its_Content()
    {
        using var temp = new TempDirectory();
        var path = temp.WriteFile("release-policy.json", """{"model": "mnist", "kep": 3}""");

        var error = Assert.Throws<RegistryException>(() => ReleasePolicyFile.Load(path));

        Assert.StartsWith(path + ": unknown key \"kep\"", error.Message);
    }

    [Fact]
    public void Should_Name_The_Path_And_The_Fix_When_The_File_Is_Missing()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("nowhere", "policy.json");

        var error = Assert.Throws<RegistryException>(() => ReleasePolicyFile.Load(path));

        Assert.Contains($"Release policy file '{path}' not found", error.Message);
        Assert.Contains("Check the --policy path", error.Message);
    }

    [Fact]
    public void Should_Refuse_A_Directory_In_Place_Of_The_File()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<RegistryException>(() => ReleasePolicyFile.Load(temp.Path));

        Assert.Contains("is a directory, not a regular file", error.Message);
    }
}
