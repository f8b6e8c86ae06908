namespace ModelRelease.Cake.Internal;

/// <summary>
/// Checks the task arguments against what the selected tasks declare they read: an argument nobody reads is
/// most often a typo (<c>--modle</c>), and a missing required one would fail halfway through a release.
/// </summary>
internal static class ArgumentValidator
{
    // Plain loops throughout, not LINQ over tuples and key-value pairs: every command passes here, and those generic
    // instantiations over value types are compiled at run time on their first use (a few ms of a rollback).
    public static void Validate(
        CommandLine commandLine,
        TaskCatalog catalog,
        IReadOnlyList<string> targets,
        IReadOnlyList<TaskDefinition> selected,
        IReadOnlyList<Argument> contextArguments)
    {
        var declared = new List<Argument>(contextArguments);
        foreach (var task in selected)
        {
            declared.AddRange(task.Arguments);
        }

        var readable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var argument in declared)
        {
            readable.Add(argument.Name.ToLowerInvariant());
        }

        // Each name given, in order, once; and the ones given a value. An empty value ("--model=" from an unset shell
        // variable) is as good as missing, except for a switch.
        var names = new List<string>();
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in commandLine.TaskArguments)
        {
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }

            if (value.Length > 0)
            {
                given.Add(name);
            }
        }

        foreach (var name in names)
        {
            if (!readable.Contains(name))
            {
                throw new PipelineUsageException(UnknownArgumentMessage(name, targets, catalog, readable));
            }
        }

        RequireGiven(contextArguments, "Every task", names, given);
        foreach (var task in selected)
        {
            RequireGiven(task.Arguments, task.Name, names, given, targets);
        }

        RequireOneValueEach(commandLine, names, declared);
    }

    /// <summary>Each required argument of <paramref name="arguments"/> must be given a value (a switch: given at all).</summary>
    private static void RequireGiven(IReadOnlyList<Argument> arguments, string reader, List<string> names, HashSet<string> given, IReadOnlyList<string>? targets = null)
    {
        foreach (var argument in arguments)
        {
            var name = argument.Name.ToLowerInvariant();
            if (!argument.IsRequired || given.Contains(name) || (argument.IsFlag && names.Contains(name, StringComparer.Ordinal)))
            {
                continue;
            }

            var example = argument.Example is null ? string.Empty : $", e.g. --{argument.Name}={argument.Example}";
            var empty = names.Contains(name, StringComparer.Ordinal) ? " (it was given empty)" : string.Empty;
            var who = targets is null ? reader : Reader(reader, targets);
            throw new PipelineUsageException($"{who} needs --{argument.Name} ({argument.Description}){example}{empty}.");
        }
    }

    /// <summary>
    /// An argument that takes a value must not be given empty, and no argument twice with different values: an
    /// empty --version read as "absent" promoted the canary, and "--weight=10 --weight=90" quietly meant 90.
    /// </summary>
    private static void RequireOneValueEach(CommandLine commandLine, List<string> names, List<Argument> declared)
    {
        foreach (var name in names)
        {
            string? example = null;
            var isFlag = false;
            foreach (var argument in declared)
            {
                if (string.Equals(argument.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    isFlag |= argument.IsFlag;
                    example ??= argument.Example;
                }
            }

            var raw = new List<string>();
            foreach (var (key, value) in commandLine.TaskArguments)
            {
                if (string.Equals(key, name, StringComparison.Ordinal))
                {
                    raw.Add(isFlag ? ArgumentValues.SwitchValue(value) : value);
                }
            }

            var values = ArgumentValues.Distinct(raw);
            if (values.Count > 1)
            {
                throw new PipelineUsageException(ArgumentValues.ConflictMessage(name, values));
            }

            if (!isFlag && ArgumentValues.IsEmpty(values[0]))
            {
                throw new PipelineUsageException(ArgumentValues.EmptyMessage(name, example));
            }
        }
    }

    /// <summary>A dependency is named with the target it runs before, so "needs --model" is not about a task the user never asked for.</summary>
    private static string Reader(string task, IReadOnlyList<string> targets) =>
        targets.Contains(task, StringComparer.OrdinalIgnoreCase) ? $"Task '{task}'" : $"Task '{task}' (run before {string.Join(", ", targets)})";

    private static string UnknownArgumentMessage(
        string name,
        IReadOnlyList<string> targetNames,
        TaskCatalog catalog,
        HashSet<string> readable)
    {
        var targets = string.Join(", ", targetNames);
        var readers = catalog.Tasks.Where(t => t.Arguments.Any(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))).Select(t => t.Name).ToList();
        if (readers.Count > 0)
        {
            return $"--{name} is not read by any task that runs for target {targets} (it is read by {string.Join(", ", readers)}). " +
                   $"Remove it, or run one of those targets.";
        }

        var known = readable.Concat(HostOptions.Names).Append("version");
        var closest = ClosestMatch.Find(name, known);
        var hint = closest is null ? string.Empty : $" Did you mean --{closest}?";
        var list = readable.Count == 0
            ? $"The tasks that run for target {targets} read no arguments."
            : $"The tasks that run for target {targets} read: {string.Join(", ", readable.Order(StringComparer.Ordinal).Select(a => "--" + a))}.";
        return $"Unknown argument --{name}.{hint} {list}";
    }
}
