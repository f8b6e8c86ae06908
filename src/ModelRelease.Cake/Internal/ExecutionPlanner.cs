namespace ModelRelease.Cake.Internal;

/// <summary>
/// Orders the tasks a run would execute, without running anything: dependencies first, in declaration order,
/// each task once (the same depth-first order Cake's engine uses). Pure, so the graph is testable on its own.
/// </summary>
internal static class ExecutionPlanner
{
    public static IReadOnlyList<TaskDefinition> Plan(TaskCatalog catalog, IReadOnlyList<string> targets, bool exclusive)
    {
        var order = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var target in targets)
        {
            var name = catalog.Get(target).Name;
            if (exclusive)
            {
                if (seen.Add(name))
                {
                    order.Add(name);
                }
            }
            else
            {
                Visit(catalog, name, seen, order);
            }
        }

        return order.Select(catalog.Get).ToList();
    }

    private static void Visit(TaskCatalog catalog, string name, HashSet<string> seen, List<string> order)
    {
        if (!seen.Add(name))
        {
            return;
        }

        foreach (var dependency in catalog.Dependencies[name])
        {
            Visit(catalog, dependency, seen, order);
        }

        order.Add(name);
    }
}
