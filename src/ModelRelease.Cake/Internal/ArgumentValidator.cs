namespace ModelRelease.Cake.Internal;

/// <summary>
/// Checks the task arguments against what the selected tasks declare they read: an argument nobody reads is
/// most often a typo (<c>--modle</c>), and a missing required one would fail halfway through a release.
/// </summary>
internal static class ArgumentValidator
{
    public static void Validate(
        CommandLine commandLine,
        TaskCatalog catalog,
        IReadOnlyList<string> targets,
        IReadOnlyList<TaskDefinition> selected,
        IReadOnlyList<Argument> contextArguments)
    {
        var readable = contextArguments.Concat(selected.SelectMany(t => t.Arguments))
            .Select(a => a.Name.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);

        foreach (var name in commandLine.TaskArgumentNames)
        {
            if (!readable.Contains(name))
            {
                throw new PipelineUsageException(UnknownArgumentMessage(name, targets, catalog, readable));
            }
        }

        // An empty value ("--model=" from an unset shell variable) is as good as missing, except for a switch.
        var given = commandLine.TaskArguments
            .Where(a => a.Value.Length > 0)
            .Select(a => a.Key)
            .ToHashSet(StringComparer.Ordinal);
        var required = contextArguments.Select(a => (Reader: "Every task", Argument: a))
            .Concat(selected.SelectMany(t => t.Arguments.Select(a => (Reader: Reader(t.Name, targets), Argument: a))))
            .Where(x => x.Argument.IsRequired);
        foreach (var (reader, argument) in required)
        {
            var name = argument.Name.ToLowerInvariant();
            if (given.Contains(name) || (argument.IsFlag && commandLine.TaskArgumentNames.Contains(name)))
            {
                continue;
            }

            var example = argument.Example is null ? string.Empty : $", e.g. --{argument.Name}={argument.Example}";
            var empty = commandLine.TaskArgumentNames.Contains(name) ? " (it was given empty)" : string.Empty;
            throw new PipelineUsageException($"{reader} needs --{argument.Name} ({argument.Description}){example}{empty}.");
        }

        RequireOneValueEach(commandLine, contextArguments.Concat(selected.SelectMany(t => t.Arguments)).ToList());
    }

    /// <summary>
    /// An argument that takes a value must not be given empty, and no argument twice with different values: an
    /// empty --version read as "absent" promoted the canary, and "--weight=10 --weight=90" quietly meant 90.
    /// </summary>
    private static void RequireOneValueEach(CommandLine commandLine, IReadOnlyList<Argument> declared)
    {
        foreach (var given in commandLine.TaskArguments.GroupBy(a => a.Key, StringComparer.Ordinal))
        {
            var forms = declared.Where(a => string.Equals(a.Name, given.Key, StringComparison.OrdinalIgnoreCase)).ToList();
            var isFlag = forms.Any(a => a.IsFlag);
            var values = ArgumentValues.Distinct(given.Select(a => isFlag ? ArgumentValues.SwitchValue(a.Value) : a.Value));
            if (values.Count > 1)
            {
                throw new PipelineUsageException(ArgumentValues.ConflictMessage(given.Key, values));
            }

            if (!isFlag && ArgumentValues.IsEmpty(values[0]))
            {
                throw new PipelineUsageException(ArgumentValues.EmptyMessage(given.Key, forms.Select(a => a.Example).FirstOrDefault(e => e is not null)));
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
