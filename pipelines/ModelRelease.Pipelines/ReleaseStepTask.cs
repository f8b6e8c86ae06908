namespace ModelRelease.Pipelines;

/// <summary>
/// A stock task that takes one label step (Canary, Promote, Rollback, Label), over <see cref="ReleaseContext"/>. A task
/// deriving from one of them overrides <see cref="ReleaseStepTask{TContext}.Step"/> to plan the step differently.
/// </summary>
public abstract class ReleaseStepTask : ReleaseStepTask<ReleaseContext>
{
}
