using ModelRelease.Onnx;
using ModelRelease.Testing;

namespace ModelRelease.Pipelines.Tests.Tasks;

public sealed class EvaluateTaskTests(TrainedSentiment trained) : IClassFixture<TrainedSentiment>, IDisposable
{
    private readonly ReleaseHost _host = new();
    private string? _policy;

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Should_Judge_The_Candidate_Against_Stable_Scored_On_The_Same_Data_And_Record_The_Evaluation()
    {
        StableV1();

        var run = Release(trained.Better, "v2");

        run.AssertExit(0);
        Assert.Contains("compared with stable v1 scored beside the candidate on eval.jsonl", RootSafetyTests.Flat(run.Out), StringComparison.Ordinal);
        // The metrics recorded with v2 are the ones measured here: the same accuracy an independent run gives.
        var set = EvaluationSet.Load(trained.EvaluationSet);
        using var model = OnnxModel.Load(trained.Better);
        var expected = ModelEvaluator.Evaluate(model, null, set).Candidate.Metrics;
        using var registry = _host.Open();
        var v2 = registry.Version("sentiment", "v2");
        Assert.Equal(expected["accuracy"], v2.Metrics["accuracy"], 12);
        Assert.Equal(expected["auc"], v2.Metrics["auc"], 12);
        Assert.True(v2.Metrics.ContainsKey("latency_p99_ms"));
        // The validation's evidence says which data, which stable, and what InfraValidate found.
        var validation = registry.History(new EventQuery("sentiment")).Last(e => e.Kind == EventKind.Validation);
        var evidence = validation.ReadEvidence()!.Value;
        Assert.Equal("v1", evidence.GetProperty("evaluation").GetProperty("baseline").GetProperty("version").GetString());
        Assert.Equal(set.Digest, evidence.GetProperty("evaluation").GetProperty("set").GetProperty("digest").GetString());
        Assert.Equal(400, evidence.GetProperty("evaluation").GetProperty("set").GetProperty("examples").GetInt32());
        Assert.True(evidence.GetProperty("evaluation").GetProperty("candidate").GetProperty("slices").TryGetProperty("movies", out _));
        Assert.Equal("Passed", evidence.GetProperty("infraValidation").GetProperty("outcome").GetString());
    }

    [Fact]
    public void Should_Reject_A_Candidate_That_Stable_Beats_On_The_Same_Data()
    {
        StableV1();

        var run = Release(trained.Shuffled, "v2");

        run.AssertExit(3);
        Assert.Contains("accuracy dropped", RootSafetyTests.Flat(run.Out + run.Error), StringComparison.Ordinal);
        using var registry = _host.Open();
        Assert.DoesNotContain(registry.Versions("sentiment"), v => v.Name == "v2");
    }

    [Fact]
    public void Should_Block_A_Renamed_Input_In_InfraValidate_And_Name_The_Input()
    {
        StableV1();
        var before = _host.Snapshot();

        var run = _host.Run("--target=InfraValidate", "--model=sentiment", $"--artifact={trained.Renamed}", $"--requests={trained.Requests}", $"--policy={Policy}");

        run.AssertExit(3);
        var text = RootSafetyTests.Flat(run.Out + run.Error);
        Assert.Contains("input 'text' (string [?,1]) that stable's clients send is missing from the candidate", text, StringComparison.Ordinal);
        Assert.Contains("'review'", text, StringComparison.Ordinal);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Change_Nothing_In_A_Dry_Run_Of_The_Whole_Chain()
    {
        StableV1();
        var before = _host.Snapshot();
        var output = Path.Combine(_host.WorkDirectory, "eval", "metrics.json");

        var run = _host.Run([.. Chain(trained.Better, "v2"), $"--output={output}", "--dryrun"]);

        run.AssertExit(0);
        Assert.Contains("compared with stable v1 scored beside the candidate", RootSafetyTests.Flat(run.Out), StringComparison.Ordinal);
        Assert.Equal(before, _host.Snapshot());
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Should_Write_The_Measured_Metrics_For_A_Later_Validate()
    {
        var output = Path.Combine(_host.WorkDirectory, "eval", "metrics.json");

        var run = _host.Run("--target=Evaluate", "--model=sentiment", $"--artifact={trained.Good}", $"--eval-data={trained.EvaluationSet}", $"--policy={Policy}", $"--output={output}");

        run.AssertExit(0);
        var metrics = MetricsInput.Parse(output, _host.WorkDirectory);
        Assert.InRange(metrics["accuracy"], 0.8, 1.0);
        Assert.Contains("Stable not scored: no stable version yet", RootSafetyTests.Flat(run.Out), StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Name_A_Missing_Evaluation_Set_And_Change_Nothing()
    {
        var run = _host.Run("--target=Evaluate", "--model=sentiment", $"--artifact={trained.Good}", "--eval-data=nowhere/eval.jsonl", $"--policy={Policy}");

        run.AssertExit(1);
        Assert.Contains("eval.jsonl does not exist", RootSafetyTests.Flat(run.Error), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_host.Root));
    }

    private string Policy => _policy ??= _host.TrainedPolicyFile();

    /// <summary>The good model released as v1 through the whole chain and promoted: the stable the candidates meet.</summary>
    private void StableV1()
    {
        Release(trained.Good, "v1").AssertExit(0);
        _host.Run("--target=Promote", "--model=sentiment", "--version=v1").AssertExit(0);
    }

    private HostRun Release(string artifact, string version) => _host.Run(Chain(artifact, version));

    private string[] Chain(string artifact, string version) =>
    [
        "--target=Evaluate", "--target=InfraValidate", "--target=Validate", "--target=Push",
        "--model=sentiment", $"--artifact={artifact}", $"--eval-data={trained.EvaluationSet}", $"--requests={trained.Requests}",
        $"--policy={Policy}", $"--version={version}",
    ];
}
