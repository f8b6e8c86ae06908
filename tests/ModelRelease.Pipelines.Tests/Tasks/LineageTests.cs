using ModelRelease.Tests.Registry;
namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>Each stock task that changes the registry is recorded as an execution linked to the versions it touched.</summary>
public abstract class LineageTests : IDisposable
{
    private readonly ReleaseHost _host;

    protected LineageTests(StoreKind kind) => _host = new ReleaseHost(kind);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Should_Record_Each_Task_Run_With_Its_Outcome_Arguments_And_Versions()
    {
        _host.Push("v1");
        _host.Do("Promote", "--version=v1", "--reason=first");
        _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v2")}", ReleaseHost.Metrics(0.5, 50), "--version=v2").AssertExit(3);

        using var registry = _host.Open();
        var runs = registry.Executions("mnist");
        Assert.Equal(["Validate", "Push", "Promote", "Validate"], runs.Select(r => r.Task));
        Assert.Equal([ExecutionOutcome.Succeeded, ExecutionOutcome.Succeeded, ExecutionOutcome.Succeeded, ExecutionOutcome.Rejected], runs.Select(r => r.Outcome));
        Assert.Equal([new ExecutionLink("mnist", "v1", ExecutionRole.Output)], runs[1].Links);
        Assert.Equal([new ExecutionLink("mnist", "v1", ExecutionRole.Input)], runs[2].Links);
        Assert.Contains("\"reason\":\"first\"", runs[2].Arguments);
        Assert.Contains("accuracy", runs[3].Error);
        var promote = registry.History(new EventQuery("mnist", LabelNames.Stable)).Single();
        Assert.Equal(runs[2].Id, promote.ExecutionId);
    }

    [Fact]
    public void Should_Record_No_Run_For_Read_Only_Tasks_Dry_Runs_Or_Refused_Input()
    {
        _host.Push("v1");
        using (var before = _host.Open())
        {
            Assert.Equal(2, before.Executions("mnist").Count);
        }

        _host.Do("Status");
        _host.Do("History");
        _host.Do("Promote", "--version=v1", "--dryrun");
        _host.Run("--target=Promote", "--model=mnist", "--version=v9").AssertExit(1);

        using var registry = _host.Open();
        Assert.Equal(2, registry.Executions().Count);
    }
}
