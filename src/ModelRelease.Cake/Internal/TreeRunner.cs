using Spectre.Console;
using Spectre.Console.Rendering;

namespace ModelRelease.Cake.Internal;

/// <summary><c>--tree</c>: the dependency tree of the targets, or of every task nothing else depends on.</summary>
internal static class TreeRunner
{
    public static int Run(HostConsole console, TaskCatalog catalog, IReadOnlyList<string> targets)
    {
        var roots = targets.Count > 0 ? targets.Select(t => catalog.Get(t).Name).ToList() : RootsOf(catalog);
        foreach (var root in roots)
        {
            var tree = new Tree(Label(catalog.Get(root)));
            AddDependencies(tree.AddNode, catalog, root);
            console.Out.Write(tree);
        }

        return ExitCodes.Success;
    }

    private static List<string> RootsOf(TaskCatalog catalog)
    {
        var dependedOn = catalog.Dependencies.Values.SelectMany(d => d).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return catalog.Names.Where(n => !dependedOn.Contains(n)).ToList();
    }

    private static void AddDependencies(Func<IRenderable, TreeNode> add, TaskCatalog catalog, string name)
    {
        foreach (var dependency in catalog.Dependencies[name])
        {
            var node = add(Label(catalog.Get(dependency)));
            AddDependencies(node.AddNode, catalog, dependency);
        }
    }

    private static Markup Label(TaskDefinition task) =>
        task.Description.Length == 0
            ? new Markup($"[bold]{Markup.Escape(task.Name)}[/]")
            : new Markup($"[bold]{Markup.Escape(task.Name)}[/] [grey]{Markup.Escape(task.Description)}[/]");
}
