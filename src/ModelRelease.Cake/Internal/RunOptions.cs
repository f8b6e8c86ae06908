namespace ModelRelease.Cake.Internal;

/// <summary>What the command line asked of this run, handed to the context through the service provider.</summary>
/// <param name="DryRun">True for a rehearsal.</param>
/// <param name="Targets">The targets as given.</param>
/// <param name="PlannedTasks">Every task the run will run, in order: the targets with their dependencies, or the targets alone with --exclusive.</param>
internal sealed record RunOptions(bool DryRun, IReadOnlyList<string> Targets, IReadOnlyList<string> PlannedTasks)
{
    /// <summary>Every argument the planned tasks (and the context, for every task) declare: the context parses them before the engine starts.</summary>
    public IReadOnlyList<Argument> Arguments { get; init; } = [];

    public static RunOptions Default { get; } = new(false, [], []);
}
