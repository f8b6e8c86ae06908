using System.Globalization;
using System.Text.Json;
using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>
/// Analyze through the real host, with live values in a JSON file (the offline source): decisions carried out with
/// --auto, exit 3 on a failed canary, nothing written by a dry run, and a bad policy refused before any task runs.
/// </summary>
public abstract class AnalyzeTaskTests : IDisposable
{
    private readonly ReleaseHost _host;

    protected AnalyzeTaskTests(StoreKind kind)
    {
        _host = new ReleaseHost(kind);
        _host.StableV1Then("v2");
        Latency("v1", 100);
        Latency("v2", 104);
        WritePolicy("policy.json", "canary <= 1.2 * stable");
        _host.Do("Canary", Policy);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    private string Live => Path.Combine(_host.WorkDirectory, "live.json");

    private string Policy => "--policy=" + Path.Combine(_host.WorkDirectory, "policy.json");

    private string MetricsFile => "--metrics-file=" + Live;

    private void Latency(string version, double? value) => FileMetricSource.SetValue(Live, "mnist", version, "latency_p99_ms", value);

    private void WritePolicy(string file, string condition, int count = 2, int failureLimit = 0) =>
        File.WriteAllText(Path.Combine(_host.WorkDirectory, file), string.Create(CultureInfo.InvariantCulture, $$$"""
            {
              "model": "mnist",
              "canarySteps": [20, 50],
              "analysis": [
                { "name": "latency", "source": "file", "query": "{{model}}/{{version}}/latency_p99_ms",
                  "successCondition": "{{{condition}}}", "interval": "100ms", "count": {{{count}}}, "failureLimit": {{{failureLimit}}} }
              ]
            }
            """));

    [Fact]
    public void Should_Step_A_Healthy_Canary_Up_Through_Every_Step_And_Promote_It_In_One_Call()
    {
        var run = _host.Do("Analyze", Policy, MetricsFile, "--auto", "--max-wait=1m");

        Assert.Contains("Decision: step up to 50%", run.Out);
        Assert.Contains("Decision: promote", run.Out);
        Assert.Equal(("v2", null, null), _host.StableAndCanary());
        var routing = File.ReadAllText(Path.Combine(_host.Root, "routing.json"));
        Assert.DoesNotContain("canary", routing);
        var events = JsonDocument.Parse(_host.Do("History", "--format=json").Out).RootElement.GetProperty("events").EnumerateArray().ToList();
        var analyses = events.Where(e => e.GetProperty("kind").GetString() == "analysis").ToList();
        Assert.Equal(2, analyses.Count);
        var promote = events.First(e => e.GetProperty("kind").GetString() == "promote");
        Assert.Contains("analysis run 2 successful", promote.GetProperty("reason").GetString());
        Assert.Equal(2, promote.GetProperty("evidence").GetProperty("checks")[0].GetProperty("measurements").GetArrayLength());
    }

    [Fact]
    public void Should_Roll_Back_A_Bad_Canary_With_Exit_3_And_Show_The_Numbers_In_History()
    {
        Latency("v2", 210);

        var run = _host.Run("--target=Analyze", "--model=mnist", Policy, MetricsFile, "--auto", "--max-wait=1m");

        run.AssertExit(3);
        Assert.Contains("the canary was rolled back, stable is untouched", run.Error);
        Assert.Equal(("v1", null, null), _host.StableAndCanary());
        var events = JsonDocument.Parse(_host.Do("History", "--format=json").Out).RootElement.GetProperty("events").EnumerateArray().ToList();
        var analysis = Assert.Single(events, e => e.GetProperty("kind").GetString() == "analysis").GetProperty("reason").GetString();
        Assert.Contains("latency failed 1 of 1 (failure limit 0; last canary 210 vs stable 100)", analysis);
        Assert.Contains("decision: roll back", analysis);
        var rollback = events.First(); // newest first
        Assert.Equal(("rollback", "canary"), (rollback.GetProperty("kind").GetString(), rollback.GetProperty("label").GetString()));
        var measurement = rollback.GetProperty("evidence").GetProperty("checks")[0].GetProperty("measurements")[0];
        Assert.Equal((210, 100), (measurement.GetProperty("canary").GetDouble(), measurement.GetProperty("stable").GetDouble()));
        Assert.Contains("analysis", _host.Do("History").Out);
    }

    [Fact]
    public void Should_Report_A_Failed_Verdict_Without_Moving_A_Label_Unless_Auto()
    {
        Latency("v2", 210);

        var run = _host.Run("--target=Analyze", "--model=mnist", Policy, MetricsFile);

        run.AssertExit(3);
        Assert.Contains("Run Analyze --auto to roll it back", run.Out);
        Assert.Equal(("v1", "v2", 20), _host.StableAndCanary());
    }

    [Fact]
    public void Should_Take_One_Measurement_Per_Call_Without_Max_Wait_And_Exit_0_While_Running()
    {
        var run = _host.Do("Analyze", Policy, MetricsFile);

        Assert.Contains("Verdict: Running (1 new measurement recorded)", RootSafetyTests.Flat(run.Out));
        Assert.Equal(("v1", "v2", 20), _host.StableAndCanary());
    }

    [Fact]
    public void Should_Measure_But_Write_Nothing_In_A_Dry_Run()
    {
        var before = _host.Snapshot();

        var run = _host.Do("Analyze", Policy, MetricsFile, "--auto", "--max-wait=1m", "--dryrun");

        Assert.Contains("Decision: step up to 50%", run.Out);
        Assert.Contains("dry run: nothing recorded", run.Out);
        Assert.Contains("canary of mnist", run.Out);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Refuse_A_Policy_With_A_Malformed_Condition_Before_Anything_Runs()
    {
        WritePolicy("typo.json", "canary <= 1.2 * stabel");
        var before = _host.Snapshot();

        var run = _host.Run("--target=Analyze", "--model=mnist", "--policy=" + Path.Combine(_host.WorkDirectory, "typo.json"), MetricsFile);

        run.AssertExit(2);
        Assert.Contains("stabel", run.Error);
        Assert.DoesNotContain("Analyze", run.Out);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Say_Which_Source_Is_Missing()
    {
        var run = _host.Run("--target=Analyze", "--model=mnist", Policy);

        run.AssertExit(1);
        Assert.Contains("reads a metrics file, but none was given. Pass --metrics-file=", run.Error);
    }

    [Fact]
    public void Should_Find_Nothing_To_Analyze_Without_A_Canary()
    {
        _host.Do("Rollback");

        var run = _host.Do("Analyze", Policy, MetricsFile);

        Assert.Contains("no canary in progress; nothing to analyze", run.Out);
    }

    [Fact]
    public void Should_Refuse_A_Root_Without_The_Model_Instead_Of_Finding_Nothing_To_Analyze()
    {
        var elsewhere = Path.Combine(_host.WorkDirectory, "other-root");

        var run = _host.Run("--target=Analyze", "--model=mnist", Policy, MetricsFile, "--root=" + elsewhere);

        run.AssertExit(1);
        if (_host.Kind == StoreKind.Postgres)
        {
            // The shared store belongs to the host's serving root, not to this new directory: refused, naming both.
            var refusal = string.Concat(run.Error.Where(c => !char.IsWhiteSpace(c)));
            Assert.Contains(string.Concat($"belongs to the serving root {_host.Root}".Where(c => !char.IsWhiteSpace(c))), refusal);
        }
        else
        {
            Assert.Contains("Model 'mnist' has no versions, and the registry is empty", run.Error);
        }

        Assert.DoesNotContain("nothing to analyze", run.Out);
        Assert.False(Directory.Exists(elsewhere));
    }
}
