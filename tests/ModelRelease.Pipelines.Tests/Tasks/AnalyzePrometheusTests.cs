using System.Globalization;
using System.Text.Json;
using ModelRelease.Testing;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>
/// Analyze through the real host against a real Prometheus that scrapes live per-version values from a real
/// Pushgateway every second (see <see cref="MetricsServices"/>). Each test pushes a metric of its own name, so the
/// tests never read each other's values.
/// </summary>
public sealed class AnalyzePrometheusTests : IClassFixture<MetricsServices>, IAsyncLifetime
{
    private readonly MetricsServices _services;
    private readonly ReleaseHost _host = new();
    private readonly string _metric = "mr_test_latency_" + Guid.NewGuid().ToString("N")[..10];

    public AnalyzePrometheusTests(MetricsServices services)
    {
        _services = services;
        _host.StableV1Then("v2");
    }

    private string Job => "analyze-" + _metric;

    private string PolicyPath => Path.Combine(_host.WorkDirectory, "policy.json");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _services.DeleteAsync(Job);
        _host.Dispose();
    }

    /// <summary>Pushes both versions' latency and waits until Prometheus has scraped the canary's.</summary>
    private async Task LiveLatency(double stable, double canary)
    {
        await _services.PushAsync(Job, string.Create(CultureInfo.InvariantCulture, $"""
            # TYPE {_metric} gauge
            {_metric}{"{"}model="mnist",version="v1"{"}"} {stable}
            {_metric}{"{"}model="mnist",version="v2"{"}"} {canary}

            """));
        await _services.WaitForValueAsync($"{_metric}{{version=\"v2\"}}", canary, TimeSpan.FromSeconds(30));
    }

    private void StartCanary(string metric, int count = 2, int failureLimit = 0, int inconclusiveLimit = 0, int errorLimit = 4)
    {
        File.WriteAllText(PolicyPath, string.Create(CultureInfo.InvariantCulture, $$$"""
            {
              "model": "mnist",
              "canarySteps": [20, 50],
              "analysis": [
                { "name": "latency", "source": "prometheus",
                  "query": "max({{{metric}}}{model=\"{{model}}\",version=\"{{version}}\"})",
                  "successCondition": "canary <= 1.2 * stable", "failureCondition": "canary > 1.5 * stable",
                  "interval": "1s", "count": {{{count}}}, "failureLimit": {{{failureLimit}}},
                  "inconclusiveLimit": {{{inconclusiveLimit}}}, "consecutiveErrorLimit": {{{errorLimit}}} }
              ]
            }
            """));
        _host.Do("Canary", "--policy=" + PolicyPath);
    }

    private HostRun Analyze(Uri prometheus, params string[] args) =>
        _host.Run(["--target=Analyze", "--model=mnist", "--policy=" + PolicyPath, $"--prometheus={prometheus}", .. args]);

    private IReadOnlyList<AnalysisRun> Runs()
    {
        using var registry = _host.Open();
        using var reader = registry.Store.Read();
        return reader.AnalysisRuns("mnist");
    }

    private IReadOnlyList<AnalysisMeasurement> Measurements(long run)
    {
        using var registry = _host.Open();
        using var reader = registry.Store.Read();
        return reader.AnalysisMeasurements(run);
    }

    [Fact]
    public async Task Should_Step_A_Healthy_Canary_Up_Through_Every_Step_And_Promote_It()
    {
        StartCanary(_metric);
        await LiveLatency(stable: 100, canary: 104);

        var run = Analyze(_services.Prometheus, "--auto", "--max-wait=2m");

        run.AssertExit(0);
        Assert.Equal(("v2", null, null), _host.StableAndCanary());
        Assert.Equal([(20, AnalysisVerdict.Successful, "step up to 50%"), (50, AnalysisVerdict.Successful, "promote")],
            Runs().Select(r => (r.Weight, r.Verdict, r.Decision)));
        Assert.All(Runs().SelectMany(r => Measurements(r.Id)), m => Assert.Equal((104d, 100d), (m.CanaryValue!.Value, m.StableValue!.Value)));
        Assert.Contains($"max({_metric}{{model=\"mnist\",version=\"v2\"}})", Measurements(Runs()[0].Id)[0].CanaryQuery);
    }

    [Fact]
    public async Task Should_Roll_Back_A_Bad_Canary_With_Exit_3_And_Explain_It_In_History()
    {
        StartCanary(_metric);
        await LiveLatency(stable: 100, canary: 230);

        var run = Analyze(_services.Prometheus, "--auto", "--max-wait=2m");

        run.AssertExit(3);
        Assert.Equal(("v1", null, null), _host.StableAndCanary());
        var events = JsonDocument.Parse(_host.Do("History", "--format=json").Out).RootElement.GetProperty("events").EnumerateArray().ToList();
        var rollback = events.First(); // newest first
        Assert.Equal("rollback", rollback.GetProperty("kind").GetString());
        Assert.Contains("latency failed 1 of 1 (failure limit 0; last canary 230 vs stable 100)", rollback.GetProperty("reason").GetString());
        var measurement = rollback.GetProperty("evidence").GetProperty("checks")[0].GetProperty("measurements")[0];
        Assert.Equal((230d, 100d, "failed"), (measurement.GetProperty("canary").GetDouble(), measurement.GetProperty("stable").GetDouble(), measurement.GetProperty("verdict").GetString()));
    }

    [Fact]
    public async Task Should_End_Inconclusive_At_The_Limit_When_The_Query_Has_No_Series_And_Change_Nothing()
    {
        StartCanary(_metric + "_never_pushed", count: 5, inconclusiveLimit: 1);
        await LiveLatency(stable: 100, canary: 104);
        var before = _host.StableAndCanary();

        var run = Analyze(_services.Prometheus, "--auto", "--max-wait=2m");

        run.AssertExit(0);
        Assert.Contains("Decision: hold for a person", run.Out);
        Assert.Equal(before, _host.StableAndCanary());
        var analysis = Assert.Single(Runs());
        Assert.Equal(AnalysisVerdict.Inconclusive, analysis.Verdict);
        Assert.All(Measurements(analysis.Id), m => Assert.Contains("no series", m.Detail));
        Assert.Equal(2, Measurements(analysis.Id).Count);
    }

    [Fact]
    public async Task Should_Reach_The_Error_Limit_And_Leave_Every_Label_When_Prometheus_Stops_Mid_Run()
    {
        StartCanary(_metric, count: 10, errorLimit: 1);
        using var own = await _services.StartOwnPrometheusAsync();
        await LiveLatency(stable: 100, canary: 104);
        await WaitUntil(async () => (await QueryOwn(own)) is not null);
        var before = _host.StableAndCanary();

        var analyze = Task.Run(() => Analyze(own.Url, "--auto", "--max-wait=2m", "--prometheus-retries=0", "--prometheus-timeout=2s"));
        await WaitUntil(() => Task.FromResult(Runs().Any(r => Measurements(r.Id).Count >= 2)));
        own.Stop();
        var run = await analyze;

        run.AssertExit(0);
        Assert.Equal(before, _host.StableAndCanary());
        var analysis = Assert.Single(Runs());
        Assert.Equal((AnalysisVerdict.Error, "hold for a person"), (analysis.Verdict, analysis.Decision));
        var measurements = Measurements(analysis.Id);
        Assert.Equal(MeasurementVerdict.Successful, measurements[0].Verdict);
        Assert.Equal([MeasurementVerdict.Error, MeasurementVerdict.Error], measurements.TakeLast(2).Select(m => m.Verdict));
    }

    [Fact]
    public async Task Should_Reach_The_Same_Verdict_Across_Three_Calls_As_In_One()
    {
        StartCanary(_metric, count: 3);
        await LiveLatency(stable: 100, canary: 104);

        var verdicts = new List<string>();
        for (var call = 0; call < 3; call++)
        {
            var run = Analyze(_services.Prometheus);
            run.AssertExit(0);
            verdicts.Add(RootSafetyTests.Flat(run.Out));
            await Task.Delay(TimeSpan.FromSeconds(1.1));
        }

        var oneCall = Analyze(_services.Prometheus, "--restart", "--max-wait=1m");

        oneCall.AssertExit(0);
        Assert.Contains("Verdict: Running", verdicts[0]);
        Assert.Contains("Verdict: Successful", verdicts[2]);
        var runs = Runs();
        Assert.Equal(2, runs.Count);
        Assert.Equal((runs[0].Verdict, runs[0].Decision), (runs[1].Verdict, runs[1].Decision));
        Assert.Equal([1, 2, 3], Measurements(runs[0].Id).Select(m => m.Seq));
        Assert.Equal([1, 2, 3], Measurements(runs[1].Id).Select(m => m.Seq));
    }

    [Fact]
    public async Task Should_Not_Double_Count_When_Two_Analyze_Calls_Run_At_Once()
    {
        StartCanary(_metric, count: 4);
        await LiveLatency(stable: 100, canary: 104);

        var runs = await Task.WhenAll(
            Task.Run(() => Analyze(_services.Prometheus, "--max-wait=1m")),
            Task.Run(() => Analyze(_services.Prometheus, "--max-wait=1m")));

        Assert.All(runs, run => run.AssertExit(0));
        var analysis = Assert.Single(Runs());
        Assert.Equal(AnalysisVerdict.Successful, analysis.Verdict);
        Assert.Equal([1, 2, 3, 4], Measurements(analysis.Id).Select(m => m.Seq));
        Assert.Equal(("v1", "v2", 20), _host.StableAndCanary());
    }

    private async Task<double?> QueryOwn(OwnPrometheus own)
    {
        using var http = new HttpClient();
        var body = await http.GetStringAsync(new Uri(own.Url, $"api/v1/query?query={Uri.EscapeDataString($"{_metric}{{version=\"v2\"}}")}"));
        using var json = JsonDocument.Parse(body);
        var result = json.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0 ? null : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 60 s.");
            await Task.Delay(100);
        }
    }
}
