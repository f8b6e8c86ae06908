using Cake.Core.Graph;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// Orders the tasks a run would execute, without running anything. It walks the same <see cref="CakeGraph"/>
/// Cake's engine walks, so the plan used for argument checks and the tree always matches what runs.
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

        var graph = new CakeGraph();
        foreach (var task in catalog.Tasks)
        {
            graph.Add(task.Name);
        }

        foreach (var (task, dependencies) in catalog.Dependencies)
        {
            foreach (var dependency in dependencies)
            {
                graph.Connect(dependency, task);
            }
        }

        // The engine walks one target depth-first and several as one merged graph; do as it does.
        var order = names.Count == 1 ? graph.Traverse(names[0]) : graph.Traverse(names);
        return order.Select(catalog.Get).ToList();
    }
}
