using ModelRelease.Pipelines.Tasks;
using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>
/// A team extends the stock pipeline without copying it: it derives from a stock task and puts it in its place
/// (Replace), drops a stock task it does not want (Without), and writes release tasks over its own context.
/// </summary>
public abstract class TeamExtensionTests : IDisposable
{
    private readonly ReleaseHost _host;

    protected TeamExtensionTests(StoreKind kind) => _host = new ReleaseHost(kind);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Should_Run_A_Derived_Canary_In_The_Stock_Canary_s_Name_For_Real_And_In_A_Rehearsal()
    {
        _host.StableV1Then("v2");
        var before = _host.Snapshot();
        static void Replace(ModelRelease.Cake.PipelineHost host) => host.Replace<CanaryTask, GatedCanaryTask>();

        var tooMuch = _host.RunConfigured(Replace, "--target=Canary", "--model=mnist", "--version=v2", "--weight=50");
        var rehearsed = _host.RunConfigured(Replace, "--target=Canary", "--model=mnist", "--version=v2", "--weight=50", "--dryrun");
        Assert.Equal(before, _host.Snapshot());
        var fine = _host.RunConfigured(Replace, "--target=Canary", "--model=mnist", "--version=v2", "--weight=20");

        Assert.Equal(3, tooMuch.ExitCode);
        Assert.Equal(3, rehearsed.ExitCode);
        Assert.Contains("gated canary: 50% is more than this team's 20%", RootSafetyTests.Flat(tooMuch.Error));
        Assert.Contains("gated canary: 50% is more than this team's 20%", RootSafetyTests.Flat(rehearsed.Error));
        fine.AssertExit(0);
        Assert.Contains("gated canary done", fine.Out);
        using var registry = _host.Open();
        Assert.Equal("v2", registry.VersionAt("mnist", LabelNames.Canary)?.Name);
        Assert.Contains(registry.Executions("mnist"), e => e.Task == "Canary" && e.Outcome == ExecutionOutcome.Succeeded);
    }

    [Fact]
    public void Should_Drop_The_Demo_When_The_Host_Says_Without()
    {
        var run = _host.RunConfigured(host => host.Without<DemoTask>(), "--target=Demo");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Target 'Demo' not found", run.Error);
        Assert.False(Directory.Exists(Path.Combine(_host.WorkDirectory, DemoTask.DefaultDirectory)));
    }

    [Fact]
    public void Should_Run_A_Team_Release_Task_Over_Its_Own_Context_As_A_Recorded_Task_Run()
    {
        _host.StableV1Then();
        static void Add(ModelRelease.Cake.PipelineHost host) => host.AddTask<GoldenStableTask>();

        var rehearsal = _host.RunConfigured(Add, "--target=GoldenStable", "--model=mnist", "--dryrun");
        var run = _host.RunConfigured(Add, "--target=GoldenStable", "--model=mnist");

        rehearsal.AssertExit(0);
        Assert.Contains("would set golden of mnist to v1", RootSafetyTests.Flat(rehearsal.Out));
        run.AssertExit(0);
        using var registry = _host.Open();
        Assert.Equal("v1", registry.VersionAt("mnist", LabelNames.Golden)?.Name);
        var execution = Assert.Single(registry.Executions("mnist"), e => e.Task == "GoldenStable");
        Assert.Equal(ExecutionOutcome.Succeeded, execution.Outcome);
    }
}
