using Cake.Core;

namespace ModelRelease.Cake.Tests.Fixtures;

[TaskName("Tool-Fails")]
public sealed class ToolFailsTask : PipelineTask<JournalContext>
{
    // What Cake.Common's tool runners throw when a process exits non-zero: its code is the tool's, not ours.
    public override void Run(JournalContext context) => throw new CakeException(3, "dotnet: Process returned an error (exit code 3).");
}

[TaskName("Rejecting-Handler")]
public sealed class RejectingWithThrowingHandlerTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => throw new GateRejectedException("p99 latency grew 40%");

    public override void OnError(Exception exception, JournalContext context) => throw new InvalidOperationException("clean-up failed too");
}

[TaskName("Unplannable")]
public sealed class UnplannableTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("Run");

    public override void Plan(JournalContext context, ChangePlan plan) => throw new InvalidOperationException("version v9 is unknown");

    public override void OnError(Exception exception, JournalContext context) => context.Journal.Add("OnError");
}

[TaskName("Unplannable-Continue")]
[ContinueOnError]
public sealed class UnplannableContinueTask : PipelineTask<JournalContext>
{
    public override void Plan(JournalContext context, ChangePlan plan) => throw new InvalidOperationException("cannot plan");
}

[TaskName("After-Unplannable-Continue")]
[IsDependentOn(typeof(UnplannableContinueTask))]
public sealed class AfterUnplannableContinueTask : PipelineTask<JournalContext>
{
    public override void Plan(JournalContext context, ChangePlan plan) => plan.Write("after.txt");
}

[TaskName("Helper-Overload")]
public sealed class HelperOverloadTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add(Plan("x"));

    // Same name as the hook, different signature: not an override, so the task has no plan.
    public static string Plan(string value) => value;
}

[TaskName("Twice-Linked")]
[IsDependentOn(typeof(CleanTask))]
[IsDependentOn(typeof(CleanTask))]
public sealed class TwiceLinkedTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("Twice-Linked");
}

[TaskName("Clean-Dependee")]
[IsDependeeOf(typeof(TwiceLinkedTask))]
[IsDependeeOf(typeof(LinkedBothWaysTask))]
public sealed class CleanDependeeTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("Clean-Dependee");
}

[TaskName("Linked-Both-Ways")]
[IsDependentOn(typeof(CleanDependeeTask))]
public sealed class LinkedBothWaysTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("Linked-Both-Ways");
}

[TaskName("Reads-Target")]
[TaskArgument("target", "clashes with the host's own --target")]
public sealed class ReadsTargetTask : PipelineTask<PipelineContext>
{
}

[TaskName("Unconstructible")]
public sealed class UnconstructibleTask : PipelineTask<JournalContext>
{
    public UnconstructibleTask() => throw new InvalidOperationException("must not be created when not selected");
}

[TaskName("Never")]
public sealed class NeverTask : PipelineTask<JournalContext>
{
    public override bool ShouldRun(JournalContext context) => false;

    public override void Run(JournalContext context) => context.Journal.Add("Never");
}

public sealed class FailingSetupLifetime : PipelineLifetime<JournalContext>
{
    public override void Setup(JournalContext context, ISetupContext info) => throw new InvalidOperationException("cannot open the registry");
}

/// <summary>A context with an argument every run must give.</summary>
[TaskArgument("journal", "test journal key")]
[TaskArgument("tenant", "tenant every task acts for", Required = true, Example = "acme")]
public sealed class TenantContext : PipelineContext
{
    public TenantContext(ICakeContext context)
        : base(context)
    {
    }
}

[TaskName("Tenant")]
public sealed class TenantTask : PipelineTask<TenantContext>
{
}
