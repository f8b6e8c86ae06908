using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>Defects found in review, each proved here through the real host before it was fixed.</summary>
public abstract class ReviewFindingsTests : IDisposable
{
    private readonly ReleaseHost _host;

    protected ReviewFindingsTests(StoreKind kind) => _host = new ReleaseHost(kind);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Should_Create_Nothing_When_A_Push_Has_Malformed_Hyperparameters_Though_Its_Validation_Passes()
    {
        // Given a fresh working directory and a candidate that passes validation
        var artifact = _host.Artifact("a");

        // When the push's own input is bad
        var run = _host.Run("--target=Push", "--model=mnist", $"--artifact={artifact}", ReleaseHost.Metrics(0.9, 50), "--hyperparameters=garbage");

        // Then it fails naming the argument, and no store (or blessed verdict for a candidate never pushed) appears
        run.AssertExit(1);
        Assert.Contains("--hyperparameters", run.Error);
        Assert.False(Directory.Exists(_host.Root));
    }

    [Fact]
    public void Should_Record_No_Verdict_When_Push_Refuses_A_Taken_Name_Or_A_Dirty_Tree()
    {
        // Given a registry holding v1
        _host.Push("v1");
        var before = _host.Snapshot();

        // When a push reuses the name for other bytes, and another requires a clean tree that is dirty
        var taken = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("other")}", ReleaseHost.Metrics(0.9, 50), "--version=v1");
        File.AppendAllText(Path.Combine(_host.WorkDirectory, "train.py"), "print('uncommitted')\n");
        var dirty = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v2")}", ReleaseHost.Metrics(0.9, 50), "--require-clean-git");

        // Then both fail and the store and serving root are byte for byte as before: no audit row for a push that never happened
        taken.AssertExit(1);
        Assert.Contains("already exists with different content", taken.Error);
        dirty.AssertExit(1);
        Assert.Contains("uncommitted changes", dirty.Error);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Still_Reject_A_NaN_Metric_At_The_Gate_When_Pushing()
    {
        var run = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("a")}", "--metrics={\"accuracy\": NaN, \"latency_p99_ms\": 40}");

        run.AssertExit(3);
        Assert.Contains("accuracy is NaN", run.Error);
        Assert.False(Directory.Exists(Path.Combine(_host.Root, "mnist", "versions")));
    }

    [Fact]
    public void Should_Record_No_Verdict_When_Push_Refuses_An_Artifact_Linking_Outside_Itself()
    {
        // Given a registry holding v1, and a candidate whose structure passes but which links to a file outside it
        _host.Push("v1");
        var artifact = _host.Artifact("leaky");
        var secret = Path.Combine(_host.WorkDirectory, "secret.txt");
        File.WriteAllText(secret, "not part of the model");
        File.CreateSymbolicLink(Path.Combine(artifact, "variables", "extra"), secret);
        var before = _host.Snapshot();

        // When it is pushed
        var run = _host.Run("--target=Push", "--model=mnist", $"--artifact={artifact}", ReleaseHost.Metrics(0.9, 50));

        // Then the push is refused before anything is recorded
        run.AssertExit(1);
        Assert.Contains("extra", run.Error);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Exit_2_Naming_The_Fix_For_An_Age_Beyond_The_Calendar()
    {
        var run = _host.Run("--target=History", "--since=999999w");

        run.AssertExit(2);
        Assert.Contains("--since=999999w is not valid", run.Error);
    }

    [Fact]
    public void Should_Advise_Raising_The_Same_Canary_Even_After_A_Newer_Version_Is_Pushed()
    {
        // Given canary v2 at the policy's first step, with the advice the task printed
        _host.StableV1Then("v2");
        var canary = _host.Do("Canary");
        var advice = canary.Out.Split('\n').Single(line => line.StartsWith("Next:", StringComparison.Ordinal));

        // When a newer version is pushed meanwhile, and the advice is followed word for word
        _host.Push("v3");
        var args = advice.Split(' ').Where(word => word.StartsWith("--", StringComparison.Ordinal)).ToArray();
        _host.Do("Canary", args);

        // Then the canary that looked healthy is the one raised, not swapped for v3 at 50% untried
        using var registry = _host.Open();
        var label = Assert.Single(registry.Labels("mnist"), l => l.Label == LabelNames.Canary);
        Assert.Equal(("v2", 50), (label.Version, label.Weight));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Should_Refuse_An_Exclusive_Push_As_A_Usage_Error_That_Names_The_Way_Out(bool dryRun)
    {
        _host.Push("v1");
        var before = _host.Snapshot();
        string[] args = ["--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v2")}", ReleaseHost.Metrics(0.9, 50), "--exclusive"];

        var run = _host.Run(dryRun ? [.. args, "--dryrun"] : args);

        run.AssertExit(2);
        Assert.Contains("--exclusive", run.Error);
        Assert.Contains("--skip-validation", run.Error);
        Assert.Equal(before, _host.Snapshot());
    }
}
