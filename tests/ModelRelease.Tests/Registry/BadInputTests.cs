namespace ModelRelease.Tests.Registry;

/// <summary>Every refusal names the problem and the fix, and leaves the root and the store exactly as they were.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    public static TheoryData<string> BadModelNames => new() { "", "Mnist", "../etc", "a/b", "a\\b", "..", new string('m', 65), "mnist\n", "mni\u0007st", ".hidden" };

    public static TheoryData<string> BadVersionNames => new() { "", "..", "v1..2", "a/b", "a\\b", ".v1", new string('v', 65), "v1\n", "v\u00001", "-v1" };

    [Theory]
    [MemberData(nameof(BadModelNames))]
    public void Should_Refuse_A_Bad_Model_Name_And_Create_Nothing(string model)
    {
        using var registry = _scenario.Open();

        var error = Assert.Throws<RegistryException>(() => registry.Push(_scenario.Request("one") with { Model = model }));

        Assert.Contains("model name", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(_scenario.Root), "a refused push must not create the serving root");
    }

    [Theory]
    [MemberData(nameof(BadVersionNames))]
    public void Should_Refuse_A_Bad_Version_Name_And_Create_Nothing(string name)
    {
        using var registry = _scenario.Open();

        var error = Assert.Throws<RegistryException>(() => registry.Push(_scenario.Request("one") with { VersionName = name }));

        Assert.Contains("version name", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(_scenario.Root));
    }

    [Theory]
    [InlineData("golden")]
    [InlineData("Previous")]
    [InlineData("STABLE")]
    [InlineData("canary")]
    public void Should_Refuse_To_Create_A_Version_Named_After_A_Label_Or_Rollback_Word(string name)
    {
        // Given a registry
        using var registry = _scenario.Open();

        // When a push asks for a version named like a word --to or --label reads
        var error = Assert.Throws<RegistryException>(() => registry.Push(_scenario.Request("one") with { VersionName = name }));

        // Then it is refused with the word and a free name, and nothing is created
        Assert.Contains($"'{name}' is reserved", error.Message, StringComparison.Ordinal);
        Assert.Contains("sentiment-v1.2.3", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_scenario.Root));
    }

    [Fact]
    public void Should_Still_Read_A_Version_An_Old_Store_Named_Golden()
    {
        // Given a store written before the reserved words, holding a version named "golden"
        var pushed = _scenario.Push("one", name: "legacy");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_scenario.RegistryPath};Pooling=False"))
        {
            connection.Open();
            using var rename = connection.CreateCommand();
            rename.CommandText = "UPDATE versions SET name = 'golden' WHERE name = 'legacy'";
            Assert.Equal(1, rename.ExecuteNonQuery());
        }

        // When it is read by name and planned as a label target
        using var registry = _scenario.Open();
        var version = registry.Version("mnist", "golden");
        var step = new ReleaseManager(registry).PlanLabel("mnist", "champion", "golden");

        // Then it is the version that was pushed, and a label can still be set on it
        Assert.Equal(pushed.Digest, version.Digest);
        Assert.Contains("set champion to golden", step.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Refuse_A_Missing_Artifact()
    {
        using var registry = _scenario.Open();

        var error = Assert.Throws<RegistryException>(() => registry.Push(new PushRequest("mnist", _scenario.Temp.Combine("nowhere")) { Git = RegistryScenario.CleanGit }));

        Assert.Contains("nowhere", error.Message);
        Assert.False(Directory.Exists(_scenario.Root));
    }

    [Fact]
    public void Should_Refuse_An_Empty_Artifact()
    {
        using var registry = _scenario.Open();
        var empty = _scenario.Temp.CreateDirectory("empty/variables");

        Assert.Throws<RegistryException>(() => registry.Push(new PushRequest("mnist", Path.GetDirectoryName(empty)!) { Git = RegistryScenario.CleanGit }));

        Assert.False(Directory.Exists(_scenario.Root));
    }

    [Fact]
    public void Should_Refuse_An_Artifact_With_A_Symlink_Out_Of_It()
    {
        using var registry = _scenario.Open();
        var artifact = _scenario.Artifact("one");
        var secret = _scenario.Temp.WriteFile("secret.txt", "not part of the model");
        File.CreateSymbolicLink(Path.Combine(artifact, "assets.txt"), secret);

        var error = Assert.Throws<RegistryException>(() => registry.Push(new PushRequest("mnist", artifact) { Git = RegistryScenario.CleanGit }));

        Assert.Contains("assets.txt", error.Message);
        Assert.False(Directory.Exists(_scenario.Root));
    }

    [Fact]
    public void Should_Refuse_An_Artifact_Holding_A_Fifo()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var registry = _scenario.Open();
        var artifact = _scenario.Artifact("one");
        var fifo = Path.Combine(artifact, "pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var error = Assert.Throws<RegistryException>(() => registry.Push(new PushRequest("mnist", artifact) { Git = RegistryScenario.CleanGit }));

        Assert.Contains("pipe", error.Message);
        Assert.False(Directory.Exists(_scenario.Root));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Should_Refuse_A_Metric_That_Is_Not_A_Finite_Number(double value)
    {
        using var registry = _scenario.Open();

        var error = Assert.Throws<RegistryException>(() => registry.Push(_scenario.Request("one") with { Metrics = new Dictionary<string, double> { ["auc"] = value } }));

        Assert.Contains("auc", error.Message);
        Assert.False(Directory.Exists(_scenario.Root));
    }

    [Fact]
    public void Should_Refuse_An_Unknown_Version_Listing_The_Known_Ones_And_Change_Nothing()
    {
        var v1 = _scenario.Push("one");
        var v2 = _scenario.Push("two");
        var before = _scenario.Snapshot();
        using var registry = _scenario.Open();

        var error = Assert.Throws<RegistryException>(() => registry.SetLabel("mnist", LabelNames.Stable, "v-nope"));

        Assert.Contains("has no version 'v-nope'", error.Message);
        Assert.Contains($"{v2.Name}, {v1.Name}", error.Message);
        Assert.Equal(before, _scenario.Snapshot());
    }

    [Fact]
    public void Should_Refuse_A_Label_On_An_Empty_Registry_Without_Creating_It()
    {
        using var registry = _scenario.Open();

        var error = Assert.Throws<RegistryException>(() => registry.SetLabel("mnist", LabelNames.Stable, "v-20261128-100000"));

        Assert.Contains("Push one first", error.Message);
        Assert.False(Directory.Exists(_scenario.Root));
    }

    [Theory]
    [InlineData("versions")]
    [InlineData("serving")]
    [InlineData("Stable")]
    [InlineData("../stable")]
    [InlineData("")]
    public void Should_Refuse_A_Bad_Label_Name(string label)
    {
        var v1 = _scenario.Push("one");
        var before = _scenario.Snapshot();
        using var registry = _scenario.Open();

        var error = Assert.Throws<RegistryException>(() => registry.SetLabel("mnist", label, v1.Name));

        Assert.Contains("label", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, _scenario.Snapshot());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(100)]
    public void Should_Refuse_A_Canary_Without_A_Weight_From_1_To_99(int? weight)
    {
        var v1 = _scenario.Push("one");
        var before = _scenario.Snapshot();
        using var registry = _scenario.Open();

        var error = Assert.Throws<RegistryException>(() => registry.SetLabel("mnist", LabelNames.Canary, v1.Name, new LabelChange(Weight: weight)));

        Assert.Contains("--weight", error.Message);
        Assert.Equal(before, _scenario.Snapshot());
    }

    [Fact]
    public void Should_Refuse_A_Label_On_A_Pruned_Version()
    {
        var v1 = _scenario.Push("one");
        _scenario.Push("two");
        using (var store = new SqliteMetadataStore(_scenario.RegistryPath))
        using (var writer = store.Write())
        {
            writer.MarkPruned("mnist", v1.Name, RegistryScenario.Start);
            writer.Commit();
        }

        var before = _scenario.Snapshot();
        using var registry = _scenario.Open();

        var error = Assert.Throws<RegistryException>(() => registry.SetLabel("mnist", LabelNames.Stable, v1.Name));

        Assert.Contains("was pruned", error.Message);
        Assert.Equal(before, _scenario.Snapshot());
    }

    [Fact]
    public void Should_Refuse_An_Unknown_Label_Listing_The_Labels_That_Are_Set()
    {
        var v1 = _scenario.Push("one");
        using var registry = _scenario.Open();
        registry.SetLabel("mnist", LabelNames.Stable, v1.Name);

        var error = Assert.Throws<RegistryException>(() => registry.ResolveLabel("mnist", LabelNames.Golden));

        Assert.Contains("Label 'golden' is not set on model 'mnist'", error.Message);
        Assert.Contains($"stable → {v1.Name}", error.Message);
        Assert.Equal(v1.Name, registry.ResolveLabel("mnist", LabelNames.Stable).Name);
    }

    [Fact]
    public void Should_Refuse_A_Version_Name_That_Differs_From_One_Only_In_Case()
    {
        _scenario.Push("one", name: "seg-v1");
        var before = _scenario.Snapshot();
        using var registry = _scenario.Open();

        var error = Assert.Throws<RegistryException>(() => registry.Push(_scenario.Request("two") with { VersionName = "Seg-V1" }));

        Assert.Contains("only in letter case", error.Message);
        Assert.Equal(before, _scenario.Snapshot());
    }
}
