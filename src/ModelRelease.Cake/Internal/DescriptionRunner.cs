using Spectre.Console;

namespace ModelRelease.Cake.Internal;

/// <summary><c>--description</c>: every task, what it does, what it depends on and the arguments it reads.</summary>
internal static class DescriptionRunner
{
    public static int Run(HostConsole console, TaskCatalog catalog, IReadOnlyList<Argument> contextArguments)
    {
        var common = string.Join(" ", contextArguments.Select(a => "--" + a.Name));
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Task")
            .AddColumn("Description")
            .AddColumn("Depends on")
            .AddColumn("Arguments");
        foreach (var task in catalog.Tasks)
        {
            var arguments = task.Arguments.Select(a => a.IsRequired ? $"--{a.Name} (required)" : $"--{a.Name}").Append(common).Where(a => a.Length > 0);
            table.AddRow(
                new Text(task.Name),
                new Text(task.Description),
                new Text(string.Join(", ", catalog.Dependencies[task.Name])),
                new Text(string.Join(" ", arguments)));
        }

        console.Out.Write(table);
        return ExitCodes.Success;
    }
}
