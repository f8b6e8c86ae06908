namespace ModelRelease.Pipelines.Tests.Tasks;

public sealed class DemoTaskTests : IDisposable
{
    private readonly ReleaseHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Should_Run_The_Whole_Lifecycle_And_End_In_The_Expected_State()
    {
        var run = _host.Run("--target=Demo", "--root=demo");

        run.AssertExit(0);
        var root = Path.Combine(_host.WorkDirectory, "demo", "serving_model");
        using var registry = ModelRegistry.Open(root);
        Assert.Equal("v6", registry.VersionAt(SampleModel.Name, LabelNames.Stable)!.Name);
        Assert.Equal("v2", registry.VersionAt(SampleModel.Name, LabelNames.Golden)!.Name);
        Assert.Null(registry.VersionAt(SampleModel.Name, LabelNames.Canary));
        var versions = registry.Versions(SampleModel.Name);
        Assert.Equal(["v1", "v2", "v4", "v5", "v6", "v7"], versions.Select(v => v.Name));
        Assert.Equal(["v1", "v4", "v5"], versions.Where(v => v.IsPruned).Select(v => v.Name));
        Assert.Equal(6, versions.Select(v => v.Git.Commit).Distinct().Count());
        Assert.Contains("Gate said no", run.Out);
        Assert.Contains("traffic: stable v6 100%", run.Out);
        using (var reader = registry.Store.Read())
        {
            // The slow canary v5 was rolled back on its measurements, the healthy v6 walked through both steps.
            Assert.Equal([("v5", 10, AnalysisVerdict.Failed), ("v6", 10, AnalysisVerdict.Successful), ("v6", 50, AnalysisVerdict.Successful)],
                reader.AnalysisRuns(SampleModel.Name).Select(r => (r.CanaryVersion, r.Weight, r.Verdict)));
        }

        Assert.Contains("Demo finished", run.Out);
        // The Demo ends with the report beside the serving root: every version, the rolled-back analysis, a comparison.
        Assert.Contains("Open the report in a browser", run.Out);
        var html = File.ReadAllText(Path.Combine(_host.WorkDirectory, "demo", ModelRelease.Pipelines.Report.ReportFile.DefaultName));
        Assert.Equal(6, System.Text.RegularExpressions.Regex.Matches(html, "<tr data-version=").Count);
        Assert.Contains("data-verdict=\"failed\"", html);
        Assert.Contains("<table class=\"metric-diff\">", html);
        // The closing hints point the release tasks at the serving root inside the demo directory, one command a line.
        var serving = Path.Combine("demo", "serving_model");
        Assert.Contains($"  ./build.sh -t Status --root={serving}{Environment.NewLine}", run.Out);
        Assert.Contains($"  cat {serving}/models.config", run.Out);
        Assert.Equal(0, _host.Run("--target=Status", $"--root={serving}", $"--model={SampleModel.Name}").ExitCode);
    }

    [Fact]
    public void Should_Replace_A_Previous_Demo_But_Refuse_A_Directory_It_Did_Not_Make()
    {
        _host.Run("--target=Demo", "--root=demo").AssertExit(0);
        _host.Run("--target=Demo", "--root=demo").AssertExit(0);
        Directory.CreateDirectory(Path.Combine(_host.WorkDirectory, "precious"));
        File.WriteAllText(Path.Combine(_host.WorkDirectory, "precious", "notes.txt"), "mine");

        var run = _host.Run("--target=Demo", "--root=precious");

        run.AssertExit(1);
        Assert.Contains("was not made by the Demo", run.Error);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(_host.WorkDirectory, "precious", "notes.txt")));
    }

    [Fact]
    public void Should_Only_Describe_The_Demo_In_A_Dry_Run()
    {
        var run = _host.Run("--target=Demo", "--root=demo", "--dryrun");

        run.AssertExit(0);
        Assert.Contains("would write", run.Out);
        Assert.False(Directory.Exists(Path.Combine(_host.WorkDirectory, "demo")));
    }
}
