using System.Reflection;
using Spectre.Console;

namespace ModelRelease.Cake.Internal;

/// <summary><c>--help</c> and bare <c>--version</c>.</summary>
internal static class HelpRunner
{
    public static int Help(HostConsole console, string command, TaskCatalog catalog, IReadOnlyList<Argument> contextArguments)
    {
        console.Out.WriteLine($"Usage: {command} --target=TASK [options] [--argument=value ...]");
        console.Out.WriteLine();
        var options = new Table().Border(TableBorder.None).HideHeaders().AddColumn("option").AddColumn("meaning");
        foreach (var (usage, meaning) in HostOptions.Help)
        {
            options.AddRow(new Text("  " + usage), new Text(meaning));
        }

        console.Out.WriteLine("Options:");
        console.Out.Write(options);
        console.Out.WriteLine();
        console.Out.WriteLine("Targets:");
        var targets = new Table().Border(TableBorder.None).HideHeaders().AddColumn("task").AddColumn("description");
        foreach (var task in catalog.Tasks)
        {
            targets.AddRow(new Text("  " + task.Name), new Text(task.Description));
        }

        console.Out.Write(targets);
        var arguments = contextArguments.Select(a => (Argument: a, Readers: "every task"))
            .Concat(catalog.Tasks.SelectMany(t => t.Arguments.Select(a => (Argument: a, Readers: t.Name))))
            .GroupBy(x => x.Argument.Name, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (arguments.Count > 0)
        {
            console.Out.WriteLine();
            console.Out.WriteLine("Arguments:");
            var table = new Table().Border(TableBorder.None).HideHeaders().AddColumn("name").AddColumn("meaning").AddColumn("read by");
            foreach (var group in arguments)
            {
                // Tasks that read one argument with different meanings (Push's --version names the new version,
                // Canary's picks one to canary) each get their line, so no task's meaning is hidden behind another's.
                var name = $"  --{group.Key}";
                foreach (var meaning in group.GroupBy(x => x.Argument.HelpText, StringComparer.Ordinal))
                {
                    table.AddRow(
                        new Text(name),
                        new Text(meaning.Key),
                        new Text("read by " + string.Join(", ", meaning.Select(x => x.Readers).Distinct())));
                    name = "";
                }
            }

            console.Out.Write(table);
        }

        console.Out.WriteLine();
        console.Out.WriteLine("Exit codes: 0 done, 1 a task failed, 2 usage error, 3 a release gate said no.");
        return ExitCodes.Success;
    }

    public static int Version(HostConsole console)
    {
        var entry = Assembly.GetEntryAssembly() ?? typeof(HelpRunner).Assembly;
        var cake = typeof(global::Cake.Core.CakeEngine).Assembly.GetName().Version;
        // A team's host has its own version; which ModelRelease it runs on is what a bug report needs.
        console.Out.WriteLine($"{entry.GetName().Name} {VersionOf(entry)} (ModelRelease {VersionOf(typeof(HelpRunner).Assembly)} on Cake.Core {cake}, .NET {Environment.Version})");
        return ExitCodes.Success;
    }

    /// <summary>The informational version less its build metadata (the commit SourceLink appends after '+').</summary>
    internal static string VersionOf(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        var metadata = version.IndexOf('+', StringComparison.Ordinal);
        return metadata < 0 ? version : version[..metadata];
    }
}
