using Cake.Core.Diagnostics;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// Parses Cake-style arguments: <c>--name=value</c>, <c>--name value</c>, bare switches and the short forms
/// <c>-t</c>, <c>-v</c>, <c>-e</c>, <c>-h</c>. Errors are <see cref="PipelineUsageException"/>s that say what would be right.
/// </summary>
internal static class CommandLineParser
{
    /// <param name="args">The raw arguments.</param>
    /// <param name="taskFlags">Task arguments declared as switches; they never swallow the next word.</param>
    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlySet<string> taskFlags)
    {
        var targets = new List<string>();
        var taskArguments = new List<KeyValuePair<string, string>>();
        var verbosity = Verbosity.Normal;
        string? givenVerbosity = null;
        bool dryRun = false, exclusive = false, tree = false, description = false, showVersion = false, help = false;

        for (var i = 0; i < args.Count; i++)
        {
            var (name, value) = Split(args[i]);
            var isFlag = HostOptions.Flags.Contains(name) || taskFlags.Contains(name);
            if (value is null && !isFlag && i + 1 < args.Count && !LooksLikeOption(args[i + 1]))
            {
                value = args[++i];
            }

            switch (name)
            {
                case "target":
                    targets.Add(Require(name, value, "a task name, e.g. --target=Push"));
                    break;
                case "verbosity":
                    var level = ParseVerbosity(Require(name, value, "one of " + string.Join(", ", HostOptions.Verbosities)));
                    if (givenVerbosity is not null && level != verbosity)
                    {
                        // Like a task argument given twice: which one was meant is a guess.
                        throw new PipelineUsageException(ArgumentValues.ConflictMessage(name, [givenVerbosity, value!]));
                    }

                    (verbosity, givenVerbosity) = (level, value);
                    break;
                case "exclusive":
                    exclusive = ParseSwitch(name, value);
                    break;
                case "tree":
                    tree = ParseSwitch(name, value);
                    break;
                case "description":
                    description = ParseSwitch(name, value);
                    break;
                case "help":
                    help = ParseSwitch(name, value);
                    break;
                case "version" when value is null:
                    // Bare --version prints the tool's version; --version=NAME is the task argument of the CLI contract.
                    showVersion = true;
                    break;
                default:
                    if (HostOptions.DryRunAliases.Contains(name))
                    {
                        dryRun |= ParseSwitch(name, value);
                        break;
                    }

                    taskArguments.Add(new(name, value ?? string.Empty));
                    break;
            }
        }

        return new CommandLine(targets, verbosity, dryRun, exclusive, tree, description, showVersion, help, taskArguments);
    }

    private static (string Name, string? Value) Split(string arg)
    {
        if (arg.StartsWith("--", StringComparison.Ordinal))
        {
            var body = arg[2..];
            var eq = body.IndexOf('=');
            var name = (eq < 0 ? body : body[..eq]).ToLowerInvariant();
            if (!IsValidName(name))
            {
                throw new PipelineUsageException($"'{arg}' is not a valid argument: write --name=value, with a name of letters, digits and dashes.");
            }

            return (name, eq < 0 ? null : body[(eq + 1)..]);
        }

        if (arg.Length >= 2 && arg[0] == '-' && char.IsLetter(arg[1]))
        {
            var eq = arg.IndexOf('=');
            var shortName = eq < 0 ? arg[1..] : arg[1..eq];
            var value = eq < 0 ? null : arg[(eq + 1)..];
            return shortName switch
            {
                "t" => ("target", value),
                "v" => ("verbosity", value),
                "e" => ("exclusive", value),
                "h" => ("help", value),
                _ => throw new PipelineUsageException($"Unknown option '{arg}': the short options are -t (target), -v (verbosity), -e (exclusive) and -h (help)."),
            };
        }

        throw new PipelineUsageException(
            $"Unexpected '{arg}': arguments are written --name=value; quote a value that has spaces (--reason=\"two words\"). To run a task, write --target={arg}.");
    }

    // A loop, not name.All(...): LINQ over chars is generic code over a value type, JIT-compiled at every start.
    private static bool IsValidName(string name)
    {
        if (name.Length == 0 || !char.IsLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"--x" and "-t" are options; "-5" is a value (a negative number).</summary>
    private static bool LooksLikeOption(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) || (arg.Length >= 2 && arg[0] == '-' && char.IsLetter(arg[1]));

    private static string Require(string name, string? value, string expected) =>
        string.IsNullOrWhiteSpace(value) ? throw new PipelineUsageException($"--{name} needs a value: {expected}.") : value;

    private static bool ParseSwitch(string name, string? value)
    {
        if (value is null || value.Length == 0)
        {
            return true;
        }

        return bool.TryParse(value, out var on)
            ? on
            : throw new PipelineUsageException($"--{name}={value} is not valid: --{name} is a switch; write --{name} or --{name}=false.");
    }

    private static Verbosity ParseVerbosity(string value)
    {
        return value.ToLowerInvariant() switch
        {
            "quiet" or "q" => Verbosity.Quiet,
            "minimal" or "m" => Verbosity.Minimal,
            "normal" or "n" => Verbosity.Normal,
            "verbose" or "v" => Verbosity.Verbose,
            "diagnostic" or "diag" or "d" => Verbosity.Diagnostic,
            _ => throw new PipelineUsageException(
                $"--verbosity={value} is not valid: choose one of {string.Join(", ", HostOptions.Verbosities)}."),
        };
    }
}
