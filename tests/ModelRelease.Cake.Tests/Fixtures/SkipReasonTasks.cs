namespace ModelRelease.Cake.Tests.Fixtures;

[TaskName("Gate")]
[TaskArgument("flag", "skip the gate", IsFlag = true)]
public sealed class GateTask : PipelineTask<JournalContext>
{
    public override string? SkipReason(JournalContext context) => context.Flag ? "--flag given" : null;

    public override void Run(JournalContext context) => context.Journal.Add("Gate");

    public override void Plan(JournalContext context, ChangePlan plan) => plan.Write("gate.txt");
}

[TaskName("After-Gate")]
[IsDependentOn(typeof(GateTask))]
public sealed class AfterGateTask : AsyncPipelineTask<JournalContext>
{
    public override Task RunAsync(JournalContext context)
    {
        context.Journal.Add("After-Gate");
        return Task.CompletedTask;
    }
}

[TaskName("Async-Gate")]
[TaskArgument("mode", "table or json")]
public sealed class AsyncGateTask : AsyncPipelineTask<JournalContext>
{
    public override string? SkipReason(JournalContext context) => context.Mode == "json" ? $"--mode={context.Mode} prints no\u001b[31m table" : null;
}

[TaskName("After-Async-Gate")]
[IsDependentOn(typeof(AsyncGateTask))]
public sealed class AfterAsyncGateTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("After-Async-Gate");
}

/// <summary>Either hook skips; the reason is the one SkipReason gives.</summary>
[TaskName("Both-Hooks")]
[TaskArgument("count", "a number")]
public sealed class BothHooksTask : PipelineTask<JournalContext>
{
    public override bool ShouldRun(JournalContext context) => context.Count < 5;

    public override string? SkipReason(JournalContext context) => context.Count == 3 ? "three is skipped" : null;

    public override void Run(JournalContext context) => context.Journal.Add("Both-Hooks");
}

[TaskName("After-Both-Hooks")]
[IsDependentOn(typeof(BothHooksTask))]
public sealed class AfterBothHooksTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("After-Both-Hooks");
}
