using ModelRelease.Internal;

namespace ModelRelease.Tests.Registry;

/// <summary>TrackExecution: a task run is recorded with its first change, so a run that changes nothing leaves nothing.</summary>
public sealed class ExecutionTrackingTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private static Dictionary<string, string?> Arguments(params (string Name, string? Value)[] pairs) => pairs.ToDictionary(p => p.Name, p => p.Value);

    [Fact]
    public void Should_Leave_No_Row_And_No_Store_When_The_Run_Changes_Nothing()
    {
        using var registry = _scenario.Open();

        using (var run = registry.TrackExecution("Status", null, Arguments()))
        {
            Assert.Empty(registry.Models());
            run.Complete(ExecutionOutcome.Succeeded);
            Assert.Null(run.RecordedId);
        }

        Assert.False(File.Exists(_scenario.RegistryPath));
    }

    [Fact]
    public void Should_Record_The_Run_With_Its_First_Change_And_Link_What_It_Wrote()
    {
        using var registry = _scenario.Open();
        ModelVersion pushed;
        using (var run = registry.TrackExecution("Push", "mnist", Arguments(("artifact", "./model"))))
        {
            pushed = registry.Push(_scenario.Request("one")).Version;
            Assert.NotNull(run.RecordedId);
            registry.SetLabel("mnist", LabelNames.Golden, pushed.Name);
            run.Complete(ExecutionOutcome.Succeeded);
        }

        var recorded = Assert.Single(registry.Executions("mnist"));
        Assert.Equal(("Push", ExecutionOutcome.Succeeded), (recorded.Task, recorded.Outcome));
        Assert.Equal([new ExecutionLink("mnist", pushed.Name, ExecutionRole.Input), new ExecutionLink("mnist", pushed.Name, ExecutionRole.Output)], recorded.Links.OrderBy(l => l.Role));
        Assert.All(registry.History(new EventQuery("mnist")), e => Assert.Equal(recorded.Id, e.ExecutionId));
    }

    [Fact]
    public void Should_Roll_Back_The_Run_Row_With_A_Failed_Change_And_Record_It_With_The_Next_One()
    {
        var fail = true;
        using var registry = _scenario.Open(fault: point => { if (fail && point == "before-commit") { throw new IOException("disk full"); } });
        var pushed = _scenario.Push("one");

        using (var run = registry.TrackExecution("Label", "mnist", Arguments()))
        {
            Assert.Throws<IOException>(() => registry.SetLabel("mnist", LabelNames.Golden, pushed.Name));
            Assert.Null(run.RecordedId);
            Assert.Empty(registry.Executions("mnist"));

            fail = false;
            registry.SetLabel("mnist", LabelNames.Golden, pushed.Name);
            run.Complete(ExecutionOutcome.Succeeded);
        }

        var recorded = Assert.Single(registry.Executions("mnist"));
        Assert.Equal(ExecutionOutcome.Succeeded, recorded.Outcome);
        Assert.Equal(recorded.Id, registry.History(new EventQuery("mnist", LabelNames.Golden)).Single().ExecutionId);
    }

    [Fact]
    public void Should_Record_A_Failure_With_Its_Message()
    {
        using var registry = _scenario.Open();
        using (var run = registry.TrackExecution("Push", "mnist", Arguments()))
        {
            registry.Push(_scenario.Request("one"));
            run.Complete(ExecutionOutcome.Rejected, "accuracy dropped");
        }

        var recorded = Assert.Single(registry.Executions("mnist"));
        Assert.Equal((ExecutionOutcome.Rejected, "accuracy dropped"), (recorded.Outcome, recorded.Error));
        Assert.NotNull(recorded.FinishedAt);
    }

    [Theory]
    [InlineData("github-token", "ghp_abc123", "***")]
    [InlineData("api_key", "k-1", "***")]
    [InlineData("db-password", "hunter2", "***")]
    [InlineData("registry", "Host=db;Username=ci;Password=hunter2;Database=models", "Host=db;Username=ci;Password=***;Database=models")]
    [InlineData("registry", "postgresql://ci:hunter2@db:5432/models", "postgresql://***@db:5432/models")]
    [InlineData("artifact", "./export/model", "./export/model")]
    [InlineData("reason", "rotated the password policy", "rotated the password policy")]
    public void Should_Redact_Secrets_From_Recorded_Arguments(string name, string value, string recorded) =>
        Assert.Equal(recorded, SecretRedactor.RedactValue(name, value));

    [Fact]
    public void Should_Store_Only_Redacted_Arguments()
    {
        using var registry = _scenario.Open();
        using (var run = registry.StartExecution("Push", "mnist", Arguments(("token", "ghp_secret"), ("registry", "Password=hunter2;Host=db"))))
        {
            run.Complete(ExecutionOutcome.Succeeded);
        }

        var stored = registry.Executions().Single().Arguments;
        Assert.DoesNotContain("ghp_secret", stored);
        Assert.DoesNotContain("hunter2", stored);
        Assert.Contains("***", stored);
    }
}
