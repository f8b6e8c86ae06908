using Cake.Core;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// Makes Cake's engine run the targets in the order given, as <see cref="ExecutionPlanner"/> plans them. The engine's
/// own modes for several targets sort them (<c>-t Promote -t Notify</c> ran Notify first, with or without
/// <c>--exclusive</c>), or walk each target's graph apart and repeat shared dependencies. So for several targets the
/// host registers one hidden task that depends on the targets in order and runs that: the engine's depth-first walk
/// of it is the planner's order, and Cake's report, criteria and error handling stay the engine's own. With
/// <c>--exclusive</c> the tasks are registered without their dependencies, so the same walk runs the targets alone.
/// The hidden task has no action; it gets no step heading, no task lifetime and no report row, and setup is told the
/// first target and the tasks that really run.
/// </summary>
internal sealed class TargetSequence
{
    private readonly string? _hidden;

    private TargetSequence(IReadOnlyList<string> targets, IReadOnlyList<string> planned, bool exclusive, string? hidden)
    {
        Targets = targets;
        Planned = planned;
        Exclusive = exclusive;
        _hidden = hidden;
    }

    /// <summary>The targets as given, each once, spelled as declared.</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>Every task that runs, in order (the planner's plan).</summary>
    public IReadOnlyList<string> Planned { get; }

    public bool Exclusive { get; }

    public static TargetSequence For(TaskCatalog catalog, IReadOnlyList<string> targets, bool exclusive)
    {
        var names = targets.Select(t => catalog.Get(t).Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var planned = ExecutionPlanner.Plan(catalog, names, exclusive).Select(t => t.Name).ToList();
        return new TargetSequence(names, planned, exclusive, names.Count > 1 ? UnusedName(catalog) : null);
    }

    /// <summary>True for the hidden task that only orders the targets.</summary>
    public bool IsHidden(string name) => _hidden is not null && string.Equals(name, _hidden, StringComparison.Ordinal);

    /// <summary>True for a task given as a target: Cake refuses to skip a target, and so does the host.</summary>
    public bool IsTarget(string name) => Targets.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds the hidden task when several targets run.</summary>
    public void Register(CakeEngine engine)
    {
        if (_hidden is null)
        {
            return;
        }

        var builder = engine.RegisterTask(_hidden);
        foreach (var target in Targets)
        {
            builder.IsDependentOn(target);
        }
    }

    /// <summary>False with <c>--exclusive</c>: the engine then knows no dependency, so it runs nothing but the targets.</summary>
    public bool WithDependencies => !Exclusive;

    public ExecutionSettings Settings() => new ExecutionSettings().SetTarget(_hidden ?? Targets[0]);

    /// <summary>
    /// What setup is told: the first target, and the tasks that really run. The engine would name the hidden task,
    /// and with <c>--exclusive</c> it lists the target's dependencies although they do not run.
    /// </summary>
    public ISetupContext Describe(ISetupContext info, IReadOnlyList<ICakeTaskInfo> registered)
    {
        ICakeTaskInfo Find(string name) => registered.First(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
        return new SetupContext(info, Find(Targets[0]), Planned.Select(Find).ToList());
    }

    /// <summary>A name no task has; a task can be named almost anything, so it is checked, not assumed.</summary>
    private static string UnusedName(TaskCatalog catalog)
    {
        var name = "<targets>";
        while (catalog.Find(name) is not null)
        {
            name = "<" + name + ">";
        }

        return name;
    }
}
