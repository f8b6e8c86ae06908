namespace ModelRelease.Cake.Internal;

/// <summary>
/// Orders the tasks a run executes, without running anything: for each target in the order given, its
/// dependencies depth-first in declaration order, then the target; a task already planned is not planned again.
/// With <c>--exclusive</c>, the targets alone in the order given. For one target this is exactly the order Cake's
/// engine walks; for several, <see cref="TargetSequence"/> makes the engine walk this order too, so the plan used
/// for argument checks, <see cref="PipelineContext.PlannedTasks"/> and <c>--tree</c> is what runs.
/// Pure and in memory, so the graph is testable on its own.
/// </summary>
internal static class ExecutionPlanner
{
    public static IReadOnlyList<TaskDefinition> Plan(TaskCatalog catalog, IReadOnlyList<string> targets, bool exclusive)
    {
        var names = targets.Select(t => catalog.Get(t).Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (exclusive)
        {
            return names.Select(catalog.Get).ToList();
        }

        var order = new List<string>();
        var planned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var target in names)
        {
            Visit(catalog, target, planned, order);
        }

        return order.Select(catalog.Get).ToList();
    }

    private static void Visit(TaskCatalog catalog, string name, HashSet<string> planned, List<string> order)
    {
        // The catalog refused cycles when it was built, so a task is only ever met again once it is planned.
        if (!planned.Add(name))
        {
            return;
        }

        foreach (var dependency in catalog.Dependencies[name])
        {
            Visit(catalog, dependency, planned, order);
        }

        order.Add(name);
    }
}
