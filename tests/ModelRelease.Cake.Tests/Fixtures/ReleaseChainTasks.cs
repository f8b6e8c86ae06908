using Cake.Core;

namespace ModelRelease.Cake.Tests.Fixtures;

// A release-shaped graph whose alphabetical order is not its given order:
// Ship-Promote -> Ship-Canary -> Ship-Push; Ship-Notify -> Ship-Push (shared); Ship-Status and Ship-History alone.

[TaskName("Ship-Push")]
public sealed class ShipPushTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("Ship-Push");
}

[TaskName("Ship-Canary")]
[IsDependentOn(typeof(ShipPushTask))]
public sealed class ShipCanaryTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("Ship-Canary");
}

[TaskName("Ship-Promote")]
[IsDependentOn(typeof(ShipCanaryTask))]
public sealed class ShipPromoteTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("Ship-Promote");
}

[TaskName("Ship-Notify")]
[IsDependentOn(typeof(ShipPushTask))]
public sealed class ShipNotifyTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("Ship-Notify sees " + string.Join(",", context.PlannedTasks));
}

[TaskName("Ship-Status")]
public sealed class ShipStatusTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("Ship-Status");
}

[TaskName("Ship-History")]
public sealed class ShipHistoryTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("Ship-History");
}

[TaskName("Ship-Gate")]
[TaskArgument("flag", "skip the gate", IsFlag = true)]
public sealed class ShipGateTask : PipelineTask<JournalContext>
{
    public override string? SkipReason(JournalContext context) => context.Flag ? "--flag given" : null;

    public override void Run(JournalContext context) => context.Journal.Add("Ship-Gate");
}

[TaskName("Ship-Chat")]
[TaskArgument("flag", "keep the chat quiet", IsFlag = true)]
public sealed class ShipChatTask : PipelineTask<JournalContext>
{
    public override string? SkipReason(JournalContext context) => context.Flag ? "--flag given" : null;

    public override void Run(JournalContext context) => context.Journal.Add("Ship-Chat");
}

/// <summary>Records what setup was told about the run.</summary>
public sealed class TargetRecordingLifetime : PipelineLifetime<JournalContext>
{
    public override void Setup(JournalContext context, ISetupContext info) =>
        context.Journal.Add($"Setup:{info.TargetTask.Name} [{string.Join(",", info.TasksToExecute.Select(t => t.Name))}]");
}

public static class ReleaseChainTasks
{
    public static readonly Type[] All =
    [
        typeof(ShipPushTask), typeof(ShipCanaryTask), typeof(ShipPromoteTask), typeof(ShipNotifyTask),
        typeof(ShipStatusTask), typeof(ShipHistoryTask), typeof(ShipGateTask), typeof(ShipChatTask),
    ];
}
