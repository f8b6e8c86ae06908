using ModelRelease.Serving;
using ModelRelease.Testing;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The Traffic task against a real Serve: where the labelled requests went, and a dry run that sends none.</summary>
public sealed class TrafficTaskTests(TrainedSentiment trained) : IClassFixture<TrainedSentiment>, IDisposable
{
    private readonly ReleaseHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Should_Send_Labelled_Requests_For_The_Duration_And_Report_Which_Versions_Answered()
    {
        await using var server = await ServeStableAndCanary();

        var run = _host.Run("--target=Traffic", "--model=sentiment", $"--url={server.Address}", $"--eval-data={trained.EvaluationSet}", "--rate=200", "--duration=2s");

        run.AssertExit(0);
        var text = RootSafetyTests.Flat(run.Out);
        Assert.Matches(@"│ v1 │ \d+ │", text);
        Assert.Matches(@"│ v2 │ \d+ │", text);
        Assert.DoesNotContain("failed", text, StringComparison.Ordinal);
        // Every request carried its label, so Serve measured live accuracy for both versions.
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri(server.Address, "metrics"));
        Assert.Contains("model_version_performance{model=\"sentiment\",version=\"v2\",metric=\"accuracy\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Send_Nothing_In_A_Dry_Run()
    {
        await using var server = await ServeStableAndCanary();

        var run = _host.Run("--target=Traffic", "--model=sentiment", $"--url={server.Address}", $"--eval-data={trained.EvaluationSet}", "--dryrun");

        run.AssertExit(0);
        Assert.Contains("would run send 400 labelled examples to sentiment", RootSafetyTests.Flat(run.Out), StringComparison.Ordinal);
        using var http = new HttpClient();
        Assert.DoesNotContain("requests_total{", await http.GetStringAsync(new Uri(server.Address, "metrics")), StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Refuse_A_Url_That_Is_Not_Http()
    {
        var run = _host.Run("--target=Traffic", "--model=sentiment", "--url=ftp://example", $"--eval-data={trained.EvaluationSet}");

        run.AssertExit(2);
        Assert.Contains("--url=ftp://example is not an http(s) base URL", run.Error, StringComparison.Ordinal);
    }

    /// <summary>v1 stable and v2 canary at 50%, released by the stock tasks with their evaluation, then served.</summary>
    private async Task<ModelServer> ServeStableAndCanary()
    {
        var policy = _host.TrainedPolicyFile();
        foreach (var (artifact, version) in new[] { (trained.Good, "v1"), (trained.Better, "v2") })
        {
            _host.Run("--target=Evaluate", "--target=Validate", "--target=Push", "--model=sentiment", $"--artifact={artifact}",
                $"--eval-data={trained.EvaluationSet}", $"--policy={policy}", $"--version={version}").AssertExit(0);
            if (version == "v1")
            {
                _host.Run("--target=Promote", "--model=sentiment", "--version=v1").AssertExit(0);
            }
        }

        _host.Run("--target=Canary", "--model=sentiment", "--version=v2", "--weight=50").AssertExit(0);
        return await ModelServer.StartAsync(new ServingOptions { Root = _host.Root, Port = 0 });
    }
}
