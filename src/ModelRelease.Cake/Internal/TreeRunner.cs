namespace ModelRelease.Cake.Internal;

/// <summary>
/// <c>--tree</c>: the dependency tree of the targets, or of every task nothing else depends on. With targets it
/// ends with the order the run would take (<see cref="ExecutionPlanner"/>), <c>--exclusive</c> included, so a tree
/// of several targets with shared dependencies still says what runs, once each, and when.
/// </summary>
/// <remarks>
/// Written as plain lines (<see cref="TreeLines"/>), not through Spectre: the tree is what a user runs to see the
/// tasks, and Spectre's layout engine and console were about a third of its start-up.
/// </remarks>
internal static class TreeRunner
{
    public static int Run(HostConsole console, TaskCatalog catalog, IReadOnlyList<string> targets, bool exclusive)
    {
        var lines = new TreeLines(console.Writer, console.Color, console.Width);
        var roots = targets.Count > 0 ? targets.Select(t => catalog.Get(t).Name).ToList() : RootsOf(catalog);
        foreach (var root in roots)
        {
            Write(lines, catalog, root, string.Empty, string.Empty);
        }

        if (targets.Count > 0)
        {
            var order = ExecutionPlanner.Plan(catalog, targets, exclusive).Select(t => t.Name);
            console.Writer.WriteLine();
            console.Writer.WriteLine($"{lines.Grey("Runs, in order:")} {string.Join(" → ", order)}");
        }

        console.Writer.Flush();
        return ExitCodes.Success;
    }

    private static List<string> RootsOf(TaskCatalog catalog)
    {
        var dependedOn = catalog.Dependencies.Values.SelectMany(d => d).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return catalog.Names.Where(n => !dependedOn.Contains(n)).ToList();
    }

    // The node's own line starts with firstPrefix (its guide); its wrapped lines and its children's guides with
    // restPrefix, which continues the parent's vertical line while siblings follow.
    private static void Write(TreeLines lines, TaskCatalog catalog, string name, string firstPrefix, string restPrefix)
    {
        var task = catalog.Get(name);
        lines.Label(firstPrefix, restPrefix, task.Name, task.Description);
        var dependencies = catalog.Dependencies[name];
        for (var i = 0; i < dependencies.Count; i++)
        {
            var last = i == dependencies.Count - 1;
            Write(lines, catalog, dependencies[i], restPrefix + (last ? "└── " : "├── "), restPrefix + (last ? "    " : "│   "));
        }
    }
}
