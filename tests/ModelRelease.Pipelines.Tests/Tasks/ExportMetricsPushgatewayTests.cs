using ModelRelease.Testing;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>ExportMetrics against a real Pushgateway, read back from a real Prometheus (see <see cref="MetricsServices"/>).</summary>
public sealed class ExportMetricsPushgatewayTests(MetricsServices services) : IClassFixture<MetricsServices>, IDisposable
{
    private readonly ReleaseHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Should_Reach_Prometheus_Through_The_Real_Pushgateway()
    {
        // Given a pushed version with its accuracy, and a job of this test's own
        _host.Push("v1", accuracy: 0.9137);
        var job = "export-" + Guid.NewGuid().ToString("N")[..12];

        // When ExportMetrics pushes to the real Pushgateway
        var run = _host.Run("--target=ExportMetrics", "--model=mnist", $"--pushgateway={services.Pushgateway}", $"--job={job}");

        // Then Prometheus scrapes the recorded value
        run.AssertExit(0);
        Assert.Contains($"/metrics/job/{job}", run.Out);
        try
        {
            var value = await services.WaitForValueAsync(
                $"model_version_performance{{model=\"mnist\",version=\"v1\",metric=\"accuracy\",job=\"{job}\"}}", 0.9137, TimeSpan.FromSeconds(30));
            Assert.Equal(0.9137, value);
        }
        finally
        {
            await services.DeleteAsync(job);
        }
    }
}
