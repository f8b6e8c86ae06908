using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>
/// The Serve task's command line: what a dry run says it would serve, and what it refuses. The server itself is
/// tested with real models and real HTTP in ModelRelease.Serving.Tests; Serve runs until Ctrl-C, so its real run is
/// left to them.
/// </summary>
public sealed class ServeTaskTests : IDisposable
{
    private readonly ReleaseHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Should_Print_The_Models_Versions_And_Address_In_A_Dry_Run_And_Start_Nothing()
    {
        _host.StableV1Then("v2");
        _host.Do("Canary", "--version=v2", "--weight=20");
        var before = _host.Snapshot();

        var run = _host.Run("--target=Serve", "--port=8600", "--dryrun");

        run.AssertExit(0);
        Assert.Matches(@"Would serve mnist: v1 \(\d+\), v2 \(\d+\)", run.Out);
        Assert.Contains("http://127.0.0.1:8600/", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Warning", run.Out, StringComparison.Ordinal);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Warn_About_A_Host_That_Is_Not_Loopback()
    {
        _host.StableV1Then();

        var run = _host.Run("--target=Serve", "--host=0.0.0.0", "--dryrun");

        run.AssertExit(0);
        Assert.Contains("--host=0.0.0.0 is not a loopback address", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Refuse_A_Root_Without_Models_Config()
    {
        Directory.CreateDirectory(_host.Root);

        var run = _host.Run("--target=Serve", "--port=0");

        run.AssertExit(ExitCodes.TaskFailed);
        Assert.Contains("has no models.config, so there is nothing to serve", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Refuse_A_Model_The_Root_Does_Not_Configure()
    {
        _host.StableV1Then();

        var run = _host.Run("--target=Serve", "--model=nope", "--dryrun");

        run.AssertExit(ExitCodes.TaskFailed);
        Assert.Contains("does not configure nope; it configures mnist", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port=70000", "--port=70000 is not valid")]
    [InlineData("--registry=other.db", "--registry is not read by any task that runs for target Serve")]
    public void Should_Refuse_A_Bad_Argument_Before_Anything_Runs(string argument, string expected)
    {
        var run = _host.Run("--target=Serve", argument);

        run.AssertExit(ExitCodes.UsageError);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }
}
