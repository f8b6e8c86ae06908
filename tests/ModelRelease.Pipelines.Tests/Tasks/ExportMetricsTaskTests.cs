using ModelRelease.Testing;
using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

public abstract class ExportMetricsTaskTests : IDisposable
{
    private readonly ReleaseHost _host;

    protected ExportMetricsTaskTests(StoreKind kind)
    {
        _host = new ReleaseHost(kind);
        _host.Push("v1", accuracy: 0.91);
        _host.Do("Promote", "--version=v1");
        _host.Push("v2", accuracy: 0.93);
        _host.Do("Canary", "--weight=15");
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    private string TextFile => Path.Combine(_host.WorkDirectory, "modelrelease.prom");

    [Fact]
    public void Should_Write_The_Registry_Metrics_To_A_Text_File_That_Promtool_Accepts()
    {
        var run = _host.Run("--target=ExportMetrics", "--textfile=modelrelease.prom");

        run.AssertExit(0);
        Assert.Contains("Wrote 8 series in 3 families", run.Out);
        var text = File.ReadAllText(TextFile);
        Assert.Contains("model_version_performance{model=\"mnist\",version=\"v2\",metric=\"accuracy\"} 0.93\n", text);
        Assert.Contains("model_label_version{model=\"mnist\",label=\"canary\",version=\"v2\"} 15\n", text);
        Assert.Contains("model_label_version{model=\"mnist\",label=\"stable\",version=\"v1\"} 85\n", text);
        Assert.Contains($"model_version_info{{model=\"mnist\",version=\"v1\",git_commit=\"{_host.Commit}\",dataset_version=", text);
        var (exitCode, output) = Promtool.CheckMetrics(text);
        Assert.True(exitCode == 0, $"promtool check metrics exited {exitCode}: {output}\n{text}");
    }

    [Fact]
    public void Should_Change_Nothing_In_A_Dry_Run_And_Say_What_It_Would_Write()
    {
        var before = _host.Snapshot();

        var run = _host.Run("--target=ExportMetrics", "--textfile=modelrelease.prom", "--pushgateway=http://127.0.0.1:1", "--dryrun");

        run.AssertExit(0);
        Assert.Contains("8 series in 3 families", run.Out);
        Assert.Contains(TextFile, run.Out);
        Assert.Contains("http://127.0.0.1:1/metrics/job/modelrelease", run.Out);
        Assert.False(File.Exists(TextFile));
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Refuse_A_Run_Without_A_Destination_With_Exit_2()
    {
        var run = _host.Run("--target=ExportMetrics");

        run.AssertExit(2);
        Assert.Contains("--pushgateway=URL", run.Error);
        Assert.Contains("--textfile=PATH.prom", run.Error);
    }

    [Theory]
    [InlineData("--textfile=modelrelease.txt", "reads only *.prom files")]
    [InlineData("--pushgateway=ftp://gw", "http or https")]
    [InlineData("--job=a/b", "not a usable job name")]
    public void Should_Refuse_A_Bad_Argument_With_Exit_2_Before_Writing(string argument, string message)
    {
        var run = argument.StartsWith("--textfile", StringComparison.Ordinal)
            ? _host.Run("--target=ExportMetrics", argument)
            : _host.Run("--target=ExportMetrics", "--textfile=modelrelease.prom", argument);

        run.AssertExit(2);
        Assert.Contains(message, run.Error);
        Assert.False(File.Exists(TextFile));
        Assert.False(File.Exists(Path.Combine(_host.WorkDirectory, "modelrelease.txt")));
    }

    [Fact]
    public void Should_Fail_With_Exit_1_Naming_The_Pushgateway_When_It_Does_Not_Answer()
    {
        var run = _host.RunWith(new Dictionary<string, string> { ["MODELRELEASE_PUSHGATEWAY"] = "http://127.0.0.1:1" }, "--target=ExportMetrics");

        run.AssertExit(1);
        Assert.Contains("Could not reach the Pushgateway at http://127.0.0.1:1/", run.Error);
    }
}
