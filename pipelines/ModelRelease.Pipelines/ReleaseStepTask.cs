namespace ModelRelease.Pipelines;

/// <summary>
/// A stock task that takes one label step (Canary, Promote, Rollback, Label): it plans the step on a read, applies it
/// (or, in a dry run, describes and rehearses it), and keeps it as the run's <see cref="ReleaseContext.Released"/>.
/// A task deriving from one of them overrides <see cref="Step"/> to plan the step differently.
/// </summary>
public abstract class ReleaseStepTask : ReleaseTask
{
    /// <inheritdoc />
    protected override void Release(ReleaseContext context)
    {
        var step = Step(context);
        context.Commands.Apply(step);
        Released(context, step);
    }

    /// <inheritdoc />
    protected override void PlanRelease(ReleaseContext context, ChangePlan plan)
    {
        var step = Step(context);
        context.Commands.Plan(step, plan);
        Released(context, step);
    }

    /// <summary>The step, planned on the registry as it is now (or, in a dry run, as the tasks before this one would leave it).</summary>
    protected abstract ReleaseStep Step(ReleaseContext context);
}
