using ModelRelease.Tests.Registry;

namespace ModelRelease.Tests.Analysis;

/// <summary>
/// The analyzer on a real SQLite registry with live values in a real JSON file: runs continue across calls, verdicts
/// follow Argo Rollouts' limits, measurements are never counted twice, and the analyzer itself moves no label.
/// </summary>
public sealed class CanaryAnalyzerTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();
    private readonly string _live;

    public CanaryAnalyzerTests()
    {
        _live = _scenario.Temp.Combine("live.json");
        _scenario.Push("one", name: "v1");
        _scenario.Push("two", name: "v2");
        using var registry = _scenario.Open();
        registry.SetLabel("mnist", LabelNames.Stable, "v1");
        registry.SetLabel("mnist", LabelNames.Canary, "v2", new LabelChange(Weight: 10));
        Latency("v1", 100);
        Latency("v2", 105);
    }

    public void Dispose() => _scenario.Dispose();

    private static ReleasePolicy Policy(int count = 3, int failureLimit = 0, int inconclusiveLimit = 0, int errorLimit = 4) =>
        ReleasePolicy.For("mnist").WithCanarySteps(10, 50).Analyze(
            AnalysisCheck.Create("latency", "file", "{{model}}/{{version}}/latency_p99_ms")
                .SucceedsWhen("canary <= 1.2 * stable")
                .Every(TimeSpan.FromMinutes(1))
                .Times(count)
                .AllowingFailures(failureLimit)
                .AllowingInconclusive(inconclusiveLimit)
                .AllowingConsecutiveErrors(errorLimit));

    private void Latency(string version, double? value) => FileMetricSource.SetValue(_live, "mnist", version, "latency_p99_ms", value);

    // Waiting moves the manual clock, so a five-minute run takes no real time.
    private CanaryAnalyzer Analyzer(ModelRegistry registry, IMetricSource? source = null) =>
        new(registry, [source ?? new FileMetricSource(_live)], (wait, _) =>
        {
            _scenario.Clock.Advance(wait);
            return Task.CompletedTask;
        });

    private CanaryAnalysis Analyze(ReleasePolicy policy, AnalysisOptions? options = null, IMetricSource? source = null)
    {
        using var registry = _scenario.Open();
        return Analyzer(registry, source).AnalyzeAsync(policy, options).GetAwaiter().GetResult();
    }

    private static readonly AnalysisOptions WholeRun = new() { MaxWait = TimeSpan.FromHours(1) };

    [Fact]
    public void Should_Succeed_A_Healthy_Canary_And_Step_Up_To_The_Next_Policy_Step()
    {
        var analysis = Analyze(Policy(), WholeRun);

        Assert.Equal(AnalysisVerdict.Successful, analysis.Verdict);
        Assert.Equal((AnalysisDecision.StepUp, (int?)50), (analysis.Decision, analysis.NextWeight));
        Assert.Equal(3, analysis.Taken);
        Assert.All(analysis.Measurements, m => Assert.Equal((MeasurementVerdict.Successful, (double?)105, (double?)100), (m.Verdict, m.CanaryValue, m.StableValue)));
        Assert.Equal(["mnist/v2/latency_p99_ms"], analysis.Measurements.Select(m => m.CanaryQuery).Distinct());
        Assert.Equal(TimeSpan.FromMinutes(1), analysis.Measurements[1].TakenAt - analysis.Measurements[0].TakenAt);

        using var registry = _scenario.Open();
        var run = Assert.Single(registry.Store.Read().AnalysisRuns("mnist"));
        Assert.Equal((AnalysisVerdict.Successful, "step up to 50%", false), (run.Verdict, run.Decision, run.IsOpen));
        Assert.Equal(("v2", 10), (registry.VersionAt("mnist", LabelNames.Canary)!.Name, registry.Labels("mnist").Single(l => l.Label == LabelNames.Canary).Weight));
        var analysisEvent = Assert.Single(registry.History(new EventQuery("mnist")), e => e.Kind == EventKind.Analysis);
        Assert.Contains("step up to 50%", analysisEvent.Reason);
        Assert.Equal(3, analysisEvent.ReadEvidence()!.Value.GetProperty("checks")[0].GetProperty("measurements").GetArrayLength());
    }

    [Fact]
    public void Should_Promote_When_The_Canary_Already_Runs_At_The_Last_Step()
    {
        using (var registry = _scenario.Open())
        {
            registry.SetLabel("mnist", LabelNames.Canary, "v2", new LabelChange(Weight: 50));
        }

        var analysis = Analyze(Policy(), WholeRun);

        Assert.Equal((AnalysisVerdict.Successful, AnalysisDecision.Promote), (analysis.Verdict, analysis.Decision));
    }

    [Fact]
    public void Should_Fail_As_Soon_As_Failures_Pass_The_Limit_And_Leave_The_Labels_Alone()
    {
        Latency("v2", 180);
        var before = Labels();

        var analysis = Analyze(Policy(count: 5, failureLimit: 1), WholeRun);

        Assert.Equal((AnalysisVerdict.Failed, AnalysisDecision.Rollback), (analysis.Verdict, analysis.Decision));
        Assert.Equal(2, analysis.Measurements.Count);
        Assert.Contains("latency failed 2 of 2 (failure limit 1; last canary 180 vs stable 100)", analysis.Explanation());
        Assert.Equal(before, Labels());
    }

    [Fact]
    public void Should_End_Inconclusive_When_A_Version_Has_No_Data_And_Change_No_Label()
    {
        Latency("v2", null);
        var before = Labels();

        var analysis = Analyze(Policy(count: 5, inconclusiveLimit: 1), WholeRun);

        Assert.Equal((AnalysisVerdict.Inconclusive, AnalysisDecision.Hold), (analysis.Verdict, analysis.Decision));
        Assert.Equal(2, analysis.Measurements.Count);
        Assert.All(analysis.Measurements, m => Assert.Contains("canary: no data", m.Detail));
        Assert.Equal(before, Labels());
    }

    [Fact]
    public void Should_End_In_Error_After_The_Consecutive_Error_Limit_When_The_Source_Is_Gone()
    {
        File.Delete(_live);

        var analysis = Analyze(Policy(count: 5, errorLimit: 2), WholeRun);

        Assert.Equal((AnalysisVerdict.Error, AnalysisDecision.Hold), (analysis.Verdict, analysis.Decision));
        Assert.Equal(3, analysis.Measurements.Count);
        Assert.All(analysis.Measurements, m => Assert.Equal(MeasurementVerdict.Error, m.Verdict));
    }

    [Fact]
    public void Should_Continue_One_Run_Across_Calls_And_Reach_The_Verdict_One_Call_Reaches()
    {
        var verdicts = new List<AnalysisVerdict>();
        for (var call = 0; call < 3; call++)
        {
            verdicts.Add(Analyze(Policy()).Verdict);
            _scenario.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal([AnalysisVerdict.Running, AnalysisVerdict.Running, AnalysisVerdict.Successful], verdicts);
        using var registry = _scenario.Open();
        using var reader = registry.Store.Read();
        var run = Assert.Single(reader.AnalysisRuns("mnist"));
        Assert.Equal([1, 2, 3], reader.AnalysisMeasurements(run.Id).Select(m => m.Seq));
    }

    [Fact]
    public void Should_Take_Nothing_Before_The_Interval_Has_Passed()
    {
        Analyze(Policy());
        _scenario.Clock.Advance(TimeSpan.FromSeconds(30));

        var second = Analyze(Policy());

        Assert.Equal((0, 1, AnalysisDecision.Continue), (second.Taken, second.Measurements.Count, second.Decision));
    }

    [Fact]
    public void Should_Take_One_Round_Per_Call_Without_Max_Wait_When_Measuring_Takes_Longer_Than_The_Interval()
    {
        // Given a source so slow that the next measurement falls due while the first is taken
        var slow = new SlowSource(new FileMetricSource(_live), () => _scenario.Clock.Advance(TimeSpan.FromSeconds(50)));

        // When one call is made without --max-wait
        var first = Analyze(Policy(), source: slow);

        // Then it takes what was due when it began, and leaves the next measurement to the next call
        Assert.Equal((1, AnalysisVerdict.Running, AnalysisDecision.Continue), (first.Taken, first.Verdict, first.Decision));
        var second = Analyze(Policy(), source: slow);
        Assert.Equal((1, 2), (second.Taken, second.Measurements.Count));
    }

    [Fact]
    public async Task Should_Not_Count_A_Measurement_Twice_When_Two_Jobs_Measure_At_Once()
    {
        // Both jobs query before either records: the source lets them through together.
        var gate = new GatedSource(new FileMetricSource(_live), callers: 2);
        using var first = _scenario.Open();
        using var second = _scenario.Open();

        var results = await Task.WhenAll(
            Task.Run(() => Analyzer(first, gate).AnalyzeAsync(Policy())),
            Task.Run(() => Analyzer(second, gate).AnalyzeAsync(Policy())));

        Assert.Equal(1, results.Sum(r => r.Taken));
        using var registry = _scenario.Open();
        using var reader = registry.Store.Read();
        var run = Assert.Single(reader.AnalysisRuns("mnist"));
        Assert.Single(reader.AnalysisMeasurements(run.Id));
    }

    [Fact]
    public void Should_Record_Nothing_In_A_Dry_Run()
    {
        var before = _scenario.Snapshot();

        var analysis = Analyze(Policy(), WholeRun with { DryRun = true });

        Assert.Equal((AnalysisVerdict.Successful, 3), (analysis.Verdict, analysis.Measurements.Count));
        Assert.Equal(before, _scenario.Snapshot());
    }

    [Theory]
    [InlineData("before-sync")]
    [InlineData("before-commit")]
    public void Should_Record_Neither_Run_Nor_Measurement_Nor_Event_When_Recording_Fails(string point)
    {
        var before = _scenario.Snapshot();
        using var registry = _scenario.Open(fault: at => { if (at == point) { throw new IOException("power cut"); } });

        Assert.Throws<IOException>(() => Analyzer(registry).AnalyzeAsync(Policy(count: 1), WholeRun).GetAwaiter().GetResult());

        Assert.Equal(before, _scenario.Snapshot());
        var after = Analyze(Policy(count: 1), WholeRun);
        Assert.Equal((AnalysisVerdict.Successful, 1), (after.Verdict, after.Measurements.Single().Seq));
    }

    [Fact]
    public void Should_Close_The_Open_Run_As_Superseded_When_The_Canary_Moves()
    {
        Analyze(Policy());
        using (var moving = _scenario.Open())
        {
            moving.SetLabel("mnist", LabelNames.Canary, "v2", new LabelChange(Weight: 50));
        }

        _scenario.Clock.Advance(TimeSpan.FromMinutes(1));
        var analysis = Analyze(Policy());

        Assert.Equal(50, analysis.Run.Weight);
        using var registry = _scenario.Open();
        using var reader = registry.Store.Read();
        var runs = reader.AnalysisRuns("mnist");
        Assert.Equal(2, runs.Count);
        Assert.False(runs[0].IsOpen);
        Assert.StartsWith("superseded: the canary is now v2 at 50%", runs[0].Decision);
        Assert.True(runs[1].IsOpen);
    }

    [Fact]
    public void Should_Report_A_Concluded_Run_Again_Without_Measuring_And_Restart_On_Request()
    {
        Analyze(Policy(), WholeRun);

        var again = Analyze(Policy(), WholeRun);
        var restarted = Analyze(Policy(), WholeRun with { Restart = true });

        Assert.Equal((0, AnalysisVerdict.Successful), (again.Taken, again.Verdict));
        Assert.Equal(3, restarted.Taken);
        Assert.NotEqual(again.Run.Id, restarted.Run.Id);
    }

    [Fact]
    public void Should_Refuse_A_Model_Without_A_Canary_Or_A_Policy_Without_Checks_Or_A_Missing_Source()
    {
        var noChecks = Assert.Throws<RegistryException>(() => Analyze(ReleasePolicy.For("mnist")));
        var noSource = Assert.Throws<RegistryException>(() => Analyze(ReleasePolicy.For("mnist").Analyze(
            AnalysisCheck.Create("errors", "prometheus", "sum(rate(errors{version=\"{{version}}\"}[1m]))").SucceedsWhen("canary <= 0.01"))));
        using (var registry = _scenario.Open())
        {
            registry.ClearLabel("mnist", LabelNames.Canary);
        }

        var noCanary = Assert.Throws<RegistryException>(() => Analyze(Policy()));
        var unknown = Assert.Throws<RegistryException>(() => Analyze(ReleasePolicy.For("mnsit").Analyze(Policy().Analysis[0])));

        Assert.Contains("has no analysis checks", noChecks.Message);
        Assert.Contains("reads from 'prometheus', but no such metric source was given (given: file)", noSource.Message);
        Assert.Contains("no canary in progress", noCanary.Message);
        Assert.Contains("--target=Canary --model=mnist", noCanary.Message);
        Assert.Contains("Model 'mnsit' is not in this registry. Models in this registry: mnist", unknown.Message);
    }

    private string Labels()
    {
        using var registry = _scenario.Open();
        return string.Join(", ", registry.Labels("mnist").Select(l => $"{l.Label}={l.Version}@{l.Weight}"));
    }

    /// <summary>Holds each query until <c>callers</c> queries are waiting, so concurrent jobs really overlap.</summary>
    private sealed class GatedSource(IMetricSource inner, int callers) : IMetricSource
    {
        private readonly Barrier _barrier = new(callers);

        public string Name => inner.Name;

        public Task<MetricResult> QueryAsync(string query, DateTimeOffset at, CancellationToken cancellationToken = default)
        {
            if (query.Contains("/v2/", StringComparison.Ordinal))
            {
                _barrier.SignalAndWait(TimeSpan.FromSeconds(30), cancellationToken);
            }

            return inner.QueryAsync(query, at, cancellationToken);
        }
    }

    /// <summary>A source whose every query takes time: <paramref name="takeTime"/> moves the clock on.</summary>
    private sealed class SlowSource(IMetricSource inner, Action takeTime) : IMetricSource
    {
        public string Name => inner.Name;

        public Task<MetricResult> QueryAsync(string query, DateTimeOffset at, CancellationToken cancellationToken = default)
        {
            takeTime();
            return inner.QueryAsync(query, at, cancellationToken);
        }
    }
}
