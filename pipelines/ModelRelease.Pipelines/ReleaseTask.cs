namespace ModelRelease.Pipelines;

/// <summary>
/// A stock task that changes the registry, over <see cref="ReleaseContext"/>. A team's task over its own context
/// derives from <see cref="ReleaseTask{TContext}"/> instead.
/// </summary>
public abstract class ReleaseTask : ReleaseTask<ReleaseContext>
{
}
