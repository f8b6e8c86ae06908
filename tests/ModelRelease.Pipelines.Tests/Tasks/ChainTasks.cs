using Spectre.Console;
using ModelRelease.Cake;
using ModelRelease.Pipelines.Tasks;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>A team's smoke test between Push and Canary: it reads the version Push made (or, in a dry run, would make).</summary>
[TaskName("SmokeCheck")]
[IsDependentOn(typeof(PushTask))]
public sealed class SmokeCheckTask : PipelineTask<ReleaseContext>
{
    public override void Run(ReleaseContext context)
    {
        var pushed = context.Results.Get<PushResult>().Version;
        var directory = context.ModelRegistry.Layout.VersionDirectory(pushed.Model, pushed.Name);
        if (!File.Exists(Path.Combine(directory, "saved_model.pb")))
        {
            throw new InvalidOperationException($"smoke test: {directory} has no saved_model.pb");
        }

        context.Console.WriteLine($"smoke-tested {pushed.Name} (number {pushed.Number}, created {context.Pushed!.Created})");
    }

    public override void Plan(ReleaseContext context, ChangePlan plan) =>
        context.Console.WriteLine($"would smoke-test {context.Pushed?.Version.Name ?? "nothing"}");
}

/// <summary>A team's notification after a label step: it reads the step the run took (or would take).</summary>
[TaskName("NotifyProbe")]
public sealed class NotifyProbeTask : PipelineTask<ReleaseContext>
{
    public override void Run(ReleaseContext context) =>
        context.Console.WriteLine($"notify: {context.Released?.Task ?? "no step"} of {context.Released?.Model} -> {context.Released?.Version ?? "none"} (rehearsed {context.Released?.Rehearsed})");

    public override void Plan(ReleaseContext context, ChangePlan plan) => Run(context);
}

/// <summary>The whole release as one target: Validate, Push, SmokeCheck, Canary, Promote, NotifyProbe, in that order.</summary>
[TaskName("ReleaseChain")]
[IsDependentOn(typeof(SmokeCheckTask))]
[IsDependentOn(typeof(CanaryTask))]
[IsDependentOn(typeof(PromoteTask))]
[IsDependentOn(typeof(NotifyProbeTask))]
public sealed class ReleaseChainTask : PipelineTask<ReleaseContext>
{
}

/// <summary>Promote then roll back, as one target: the rollback's "previous" is the stable the promotion would replace.</summary>
[TaskName("PromoteThenRollback")]
[IsDependentOn(typeof(PromoteTask))]
[IsDependentOn(typeof(RollbackTask))]
public sealed class PromoteThenRollbackTask : PipelineTask<ReleaseContext>
{
}
