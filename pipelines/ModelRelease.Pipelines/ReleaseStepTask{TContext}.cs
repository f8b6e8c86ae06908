namespace ModelRelease.Pipelines;

/// <summary>
/// A task that takes one label step: it plans the step on a read, applies it (or, in a dry run, describes and
/// rehearses it), and keeps it as the run's <see cref="ReleaseContext.Released"/>. The stock Canary, Promote, Rollback
/// and Label derive from <see cref="ReleaseStepTask"/>; a team's own label step over its own context derives from this
/// and names only its <see cref="Step"/>.
/// </summary>
/// <typeparam name="TContext">The host's context: <see cref="ReleaseContext"/> or a team's context deriving from it.</typeparam>
public abstract class ReleaseStepTask<TContext> : ReleaseTask<TContext>
    where TContext : ReleaseContext
{
    /// <inheritdoc />
    protected override void Release(TContext context)
    {
        var step = Step(context);
        context.Commands.Apply(step);
        Released(context, step);
    }

    /// <inheritdoc />
    protected override void PlanRelease(TContext context, ChangePlan plan)
    {
        var step = Step(context);
        context.Commands.Plan(step, plan);
        Released(context, step);
    }

    /// <summary>The step, planned on the registry as it is now (or, in a dry run, as the tasks before this one would leave it).</summary>
    protected abstract ReleaseStep Step(TContext context);
}
