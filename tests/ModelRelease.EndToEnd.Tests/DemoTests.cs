using System.Text.Json;

namespace ModelRelease.EndToEnd.Tests;

/// <summary>README's main command and the stock tasks, run as a newcomer would: ./build.sh in a fresh copy, in a subprocess.</summary>
[Collection(BuildHostCollection.Name)]
public sealed class DemoTests(BuildHostFixture fixture)
{
    [Fact]
    public void Should_Run_The_Whole_Lifecycle_From_Build_Sh_And_End_With_A_Correct_Status()
    {
        fixture.EnsureHostBuilt();

        var demo = fixture.Run("--target=Demo");

        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains("Gate said no", demo.StdOut);
        Assert.Contains("Verdict: Failed (6 new measurements recorded). Decision: roll back.", demo.StdOut);
        Assert.Contains("Decision: step up to 50%", demo.StdOut);
        Assert.Contains("Done: promote v6 to stable (was v2)", demo.StdOut);
        Assert.Contains("traffic: stable v6 100%; labels: stable → v6, golden → v2", demo.StdOut);
        Assert.Contains("Removed 3 versions (v1, v4, v5)", demo.StdOut);
        Assert.Contains("Open the report in a browser: demo-release/modelrelease-report.html", demo.StdOut);
        Assert.True(File.Exists(fixture.PathOf("demo-release/modelrelease-report.html")));

        // The status the demo printed is what the store says, read back by a second command.
        // (--all: pruned versions too; Status shows the live ones by default.)
        var status = fixture.Run("--target=Status", "--root=demo-release/serving_model", "--format=json", "--all");
        Assert.True(status.ExitCode == 0, status.ToString());
        using var json = JsonDocument.Parse(status.StdOut);
        var model = json.RootElement.GetProperty("models").EnumerateArray().Single();
        Assert.Equal("sentiment", model.GetProperty("model").GetString());
        Assert.Equal("v6", model.GetProperty("labels").GetProperty("stable").GetProperty("version").GetString());
        Assert.Equal("v2", model.GetProperty("labels").GetProperty("golden").GetProperty("version").GetString());
        var versions = model.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["v7", "v6", "v5", "v4", "v2", "v1"], versions.Select(v => v.GetProperty("name").GetString()));
        Assert.Equal(["v5", "v4", "v1"], versions.Where(v => v.GetProperty("pruned").GetBoolean()).Select(v => v.GetProperty("name").GetString()));
        Assert.Equal(3, model.GetProperty("versionCounts").GetProperty("pruned").GetInt32());
        Assert.True(File.Exists(fixture.PathOf("demo-release/serving_model/models.config")));
        Assert.False(Directory.Exists(fixture.PathOf("demo-release/serving_model/sentiment/versions/v4")));
    }

    [Fact]
    public void Should_Release_The_Sample_Through_The_Stock_Tasks()
    {
        fixture.EnsureHostBuilt();
        const string Sample = "pipelines/samples/sentiment";
        var root = "--root=e2e-serving";

        var push = fixture.Run("--target=Push", "--model=sentiment", $"--artifact={Sample}/model", $"--metrics={Sample}/metrics.json",
            $"--hyperparameters={Sample}/hyperparameters.json", "--dataset-version=reviews-2026-11", "--version=first", root);
        var rehearsal = fixture.Run("--target=Promote", "--model=sentiment", "--version=first", root, "--dryrun");
        var promote = fixture.Run("--target=Promote", "--model=sentiment", "--version=first", root);
        var canaryOfStable = fixture.Run("--target=Canary", "--model=sentiment", "--version=first", root);
        var unknownArgument = fixture.Run("--target=Promote", "--model=sentiment", "--wieght=10", root);

        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Contains("Pushed sentiment first as serving number", push.StdOut);
        Assert.True(rehearsal.ExitCode == 0, rehearsal.ToString());
        Assert.Contains("would set stable of sentiment to first", rehearsal.StdOut);
        Assert.True(promote.ExitCode == 0, promote.ToString());
        Assert.Equal("versions/first", new FileInfo(fixture.PathOf("e2e-serving/sentiment/stable")).LinkTarget);
        Assert.Equal(1, canaryOfStable.ExitCode);
        Assert.Contains("already stable", canaryOfStable.StdErr);
        Assert.Equal(2, unknownArgument.ExitCode);
    }
}
