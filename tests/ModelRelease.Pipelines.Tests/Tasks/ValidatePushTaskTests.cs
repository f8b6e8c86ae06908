using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

public abstract class ValidatePushTaskTests : IDisposable
{
    private readonly ReleaseHost _host;

    protected ValidatePushTaskTests(StoreKind kind) => _host = new ReleaseHost(kind);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Should_Push_A_Blessed_Candidate_With_Its_Provenance()
    {
        var run = _host.Push("v1");

        Assert.Contains("Pushed mnist v1 as serving number", run.Out);
        Assert.Contains("pass", run.Out);
        using var registry = _host.Open();
        var version = registry.Version("mnist", "v1");
        Assert.Equal(Blessing.Blessed, version.Blessing);
        Assert.Equal(_host.Commit, version.Git.Commit);
        Assert.Equal(0.9, version.Metrics["accuracy"]);
        Assert.True(File.Exists(Path.Combine(_host.Root, "mnist", "versions", "v1", "saved_model.pb")));
        Assert.Contains(registry.History(new EventQuery("mnist")), e => e.Kind == EventKind.Validation && e.Reason == "blessed");
    }

    [Fact]
    public void Should_Say_Which_Version_Holds_Identical_Bytes_Pushed_Under_Another_Name()
    {
        _host.Push("v1");

        var again = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v1")}", ReleaseHost.Metrics(0.9, 50), "--version=v1-again");
        var same = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v1")}", ReleaseHost.Metrics(0.9, 50), "--version=v1");

        again.AssertExit(0);
        Assert.Contains("already holds these exact bytes; no new version was added. No version v1-again was created: use v1.", again.Out);
        same.AssertExit(0);
        Assert.DoesNotContain("No version", same.Out);
        using var registry = _host.Open();
        Assert.Equal(["v1"], registry.Versions("mnist").Select(v => v.Name));
    }

    [Fact]
    public void Should_Exit_3_And_Push_Nothing_When_A_Candidate_Regresses_Against_Stable()
    {
        _host.Push("v1", accuracy: 0.95);
        _host.Do("Promote", "--version=v1");

        var run = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v2")}", ReleaseHost.Metrics(0.90, 50), "--version=v2");

        run.AssertExit(3);
        Assert.Contains("FAIL", run.Out);
        Assert.Contains("accuracy vs stable v1", run.Out);
        Assert.Contains("Rejected: accuracy dropped", run.Out);
        Assert.DoesNotContain("Rejected: rejected", run.Out);
        Assert.False(Directory.Exists(Path.Combine(_host.Root, "mnist", "versions", "v2")));
        using var registry = _host.Open();
        Assert.DoesNotContain(registry.Versions("mnist"), v => v.Name == "v2");
        var rejection = Assert.Single(registry.History(new EventQuery("mnist", Kinds: [EventKind.Validation])), e => e.Reason!.StartsWith("rejected", StringComparison.Ordinal));
        Assert.Null(rejection.ToVersion);
        Assert.Contains("accuracy", rejection.Evidence);
    }

    [Fact]
    public void Should_Reject_A_Missing_Metric_And_A_Bound_Breach_With_Exit_3()
    {
        var missing = _host.Run("--target=Validate", "--model=mnist", $"--artifact={_host.Artifact("a")}", "--metrics={\"accuracy\": 0.9}");
        var tooSlow = _host.Run("--target=Validate", "--model=mnist", $"--artifact={_host.Artifact("b")}", ReleaseHost.Metrics(0.9, 250));

        missing.AssertExit(3);
        Assert.Contains("latency_p99_ms", missing.Error);
        tooSlow.AssertExit(3);
        Assert.Contains("250", tooSlow.Out);
    }

    [Fact]
    public void Should_Reject_An_Artifact_That_Is_Not_A_SavedModel()
    {
        var artifact = _host.Artifact("onnx-ish");
        File.Delete(Path.Combine(artifact, "saved_model.pb"));

        var run = _host.Run("--target=Validate", "--model=mnist", $"--artifact={artifact}", ReleaseHost.Metrics(0.9, 50));

        run.AssertExit(3);
        Assert.Contains("saved_model", run.Out);
    }

    [Fact]
    public void Should_Fail_With_Exit_1_And_Record_Nothing_When_The_Artifact_Does_Not_Exist()
    {
        var run = _host.Run("--target=Push", "--model=mnist", "--artifact=export/typo", ReleaseHost.Metrics(0.9, 50));

        run.AssertExit(1);
        Assert.Contains("does not exist", run.Error);
        Assert.Contains("--artifact", run.Error);
        Assert.False(Directory.Exists(_host.Root));
    }

    [Fact]
    public void Should_Check_The_Push_Input_Before_Recording_A_Verdict_Under_A_Custom_Target()
    {
        var run = _host.Run("--target=Ship", "--model=mnist", $"--artifact={_host.Artifact("a")}", ReleaseHost.Metrics(0.9, 50), "--hyperparameters=garbage");

        run.AssertExit(1);
        Assert.Contains("--hyperparameters", run.Error);
        Assert.False(Directory.Exists(_host.Root));
    }

    [Fact]
    public void Should_Exit_2_When_Validating_A_Pushed_Version_With_New_Metrics()
    {
        _host.Push("v1");

        var run = _host.Run("--target=Validate", "--model=mnist", "--version=v1", ReleaseHost.Metrics(0.99, 10));

        run.AssertExit(2);
        Assert.Contains("drop --metrics", run.Error);
    }

    [Fact]
    public void Should_Warn_When_A_Push_Records_An_Unknown_Dataset()
    {
        var with = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v1")}", ReleaseHost.Metrics(0.9, 50), "--dataset-version=mnist-2026-11");
        var without = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v2")}", ReleaseHost.Metrics(0.9, 50));

        with.AssertExit(0);
        without.AssertExit(0);
        Assert.DoesNotContain("recorded as 'unknown'", with.Out + with.Error);
        Assert.Contains("dataset is recorded as 'unknown'", without.Out + without.Error);
    }

    [Fact]
    public void Should_Fail_With_Exit_1_When_The_Metrics_Are_Not_Numbers()
    {
        var run = _host.Run("--target=Validate", "--model=mnist", $"--artifact={_host.Artifact("a")}", "--metrics={\"accuracy\": \"high\"}");

        run.AssertExit(1);
        Assert.Contains("accuracy", run.Error);
        Assert.False(_host.StoreExists());
    }

    [Fact]
    public void Should_Fail_With_Exit_1_And_Say_How_When_The_Model_Has_No_Policy()
    {
        var run = _host.Run("--target=Validate", "--model=imagenet", $"--artifact={_host.Artifact("a")}", ReleaseHost.Metrics(0.9, 50));

        run.AssertExit(1);
        Assert.Contains("no release policy", run.Error);
        Assert.Contains("--policy", run.Error);
        Assert.Contains("mnist", run.Error);
    }

    [Fact]
    public void Should_Use_A_Policy_File_Over_The_Declared_Policy()
    {
        var policy = Path.Combine(_host.WorkDirectory, "strict.json");
        File.WriteAllText(policy, """{ "model": "mnist", "artifact": "tensorflow-saved-model", "metrics": { "accuracy": { "goal": "higher", "atLeast": 0.99 } } }""");

        var run = _host.Run("--target=Validate", "--model=mnist", $"--artifact={_host.Artifact("a")}", ReleaseHost.Metrics(0.95, 50), $"--policy={policy}");

        run.AssertExit(3);
        Assert.Contains("0.99", run.Out);
    }

    [Fact]
    public void Should_Exit_2_When_A_Required_Argument_Is_Missing()
    {
        var noModel = _host.Run("--target=Push", $"--artifact={_host.Artifact("a")}", ReleaseHost.Metrics(0.9, 50));
        var noArtifact = _host.Run("--target=Push", "--model=mnist", ReleaseHost.Metrics(0.9, 50));
        var skipWithoutReason = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("a")}", "--skip-validation");

        noModel.AssertExit(2);
        Assert.Contains("Task 'Validate' (run before Push) needs --model", noModel.Error);
        noArtifact.AssertExit(2);
        Assert.Contains("--artifact", noArtifact.Error);
        skipWithoutReason.AssertExit(2);
        Assert.Contains("--reason", skipWithoutReason.Error);
        Assert.False(Directory.Exists(_host.Root));
    }

    [Fact]
    public void Should_Record_A_Skipped_Validation_With_Its_Reason()
    {
        var run = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("hotfix")}", "--skip-validation", "--reason=hotfix validated offline", "--version=hotfix");

        run.AssertExit(0);
        Assert.DoesNotContain("Validation of", run.Out);
        Assert.Contains("» Skipping Validate: --skip-validation given", run.Out);
        Assert.Matches(@"(?m)^\s*Validate\s+\S+\s+Skipped \(--skip-validation given\)", run.Out);
        using var registry = _host.Open();
        var version = registry.Version("mnist", "hotfix");
        Assert.Equal(Blessing.Skipped, version.Blessing);
        Assert.Equal("hotfix validated offline", version.BlessingReason);
    }

    [Fact]
    public void Should_Record_Hyperparameters_And_Dataset_Version()
    {
        var run = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v1")}", ReleaseHost.Metrics(0.9, 50),
            "--hyperparameters=lr=0.001,epochs=20", "--dataset-version=mnist-2026-11");

        run.AssertExit(0);
        using var registry = _host.Open();
        var version = registry.Versions("mnist").Single();
        Assert.Equal("0.001", version.Hyperparameters["lr"]);
        Assert.Equal("20", version.Hyperparameters["epochs"]);
        Assert.Equal("mnist-2026-11", version.Dataset.Value);
    }

    [Fact]
    public void Should_Refuse_A_Dirty_Tree_When_A_Clean_One_Is_Required()
    {
        File.AppendAllText(Path.Combine(_host.WorkDirectory, "train.py"), "print('uncommitted')\n");

        var run = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v1")}", ReleaseHost.Metrics(0.9, 50), "--require-clean-git");

        run.AssertExit(1);
        Assert.Contains("uncommitted changes", run.Error);
        Assert.False(Directory.Exists(Path.Combine(_host.Root, "mnist", "versions", "v1")));
    }

    [Fact]
    public void Should_Validate_A_Pushed_Version_Again_And_Record_Its_Blessing()
    {
        _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v1")}", "--skip-validation", "--reason=urgent", "--version=v1", ReleaseHost.Metrics(0.9, 50)).AssertExit(0);

        var run = _host.Run("--target=Validate", "--model=mnist", "--version=v1");

        run.AssertExit(0);
        using var registry = _host.Open();
        Assert.Equal(Blessing.Blessed, registry.Version("mnist", "v1").Blessing);
    }

    [Fact]
    public void Should_Refuse_To_Validate_A_Pruned_Version_Again_Saying_It_Was_Pruned()
    {
        _host.Push("v1");
        _host.Push("v2");
        _host.Do("Promote", "--version=v2");
        _host.Do("Prune", "--keep=0");
        int events;
        using (var before = _host.Open())
        {
            Assert.True(before.Version("mnist", "v1").IsPruned);
            events = before.History(new EventQuery("mnist")).Count;
        }

        var run = _host.Run("--target=Validate", "--model=mnist", "--version=v1");

        run.AssertExit(1);
        Assert.Contains("Version 'v1' of model 'mnist' was pruned", run.Error);
        using var registry = _host.Open();
        Assert.Equal(events, registry.History(new EventQuery("mnist")).Count);
    }
}
