using Spectre.Console;
using Spectre.Console.Rendering;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// <c>--tree</c>: the dependency tree of the targets, or of every task nothing else depends on. With targets it
/// ends with the order the run would take (<see cref="ExecutionPlanner"/>), <c>--exclusive</c> included, so a tree
/// of several targets with shared dependencies still says what runs, once each, and when.
/// </summary>
internal static class TreeRunner
{
    public static int Run(HostConsole console, TaskCatalog catalog, IReadOnlyList<string> targets, bool exclusive)
    {
        var roots = targets.Count > 0 ? targets.Select(t => catalog.Get(t).Name).ToList() : RootsOf(catalog);
        foreach (var root in roots)
        {
            var tree = new Tree(Label(catalog.Get(root)));
            AddDependencies(tree.AddNode, catalog, root);
            console.Out.Write(tree);
        }

        if (targets.Count > 0)
        {
            var order = ExecutionPlanner.Plan(catalog, targets, exclusive).Select(t => t.Name);
            console.Out.WriteLine();
            console.Out.MarkupLine($"[grey]Runs, in order:[/] {Markup.Escape(string.Join(" → ", order))}");
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

    // Styled text rather than markup: nothing in a task's name or description is parsed (no escaping, no emoji
    // codes), and --tree skips Spectre's markup parser, a measurable part of the host's start-up.
    private static Paragraph Label(TaskDefinition task)
    {
        var label = new Paragraph(task.Name, Bold);
        if (task.Description.Length > 0)
        {
            label.Append(" ").Append(task.Description, Grey);
        }

        return label;
    }

    private static readonly Style Bold = new(decoration: Decoration.Bold);

    private static readonly Style Grey = new(foreground: Color.Grey);
}
