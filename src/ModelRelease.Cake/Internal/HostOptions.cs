namespace ModelRelease.Cake.Internal;

/// <summary>The switches the host itself reads, with their aliases, so parsing and help agree.</summary>
internal static class HostOptions
{
    public static readonly string[] DryRunAliases = ["dryrun", "noop", "whatif"];

    public static readonly string[] Verbosities = ["quiet", "minimal", "normal", "verbose", "diagnostic"];

    /// <summary>Switches that never take the next word as their value.</summary>
    public static readonly string[] Flags = [.. DryRunAliases, "exclusive", "tree", "description", "help"];

    /// <summary>Every name the host reads; a task argument may not reuse one, except "version" (see the parser).</summary>
    public static readonly string[] Names = [.. Flags, "target", "verbosity"];

    public static readonly (string Usage, string Meaning)[] Help =
    [
        ("--target=NAME, -t NAME", "the task to run, with its dependencies (repeatable)"),
        ("--exclusive, -e", "run only the target(s), not their dependencies"),
        ("--dryrun (--noop, --whatif)", "print what each task would change, change nothing"),
        ("--tree", "show the task graph (of the target, or of every task)"),
        ("--description", "list the tasks with what they do and the arguments they read"),
        ("--verbosity=LEVEL, -v LEVEL", "quiet, minimal, normal (default), verbose or diagnostic"),
        ("--version", "print the tool's version (with a value, --version=NAME is a task argument)"),
        ("--help, -h", "print this help"),
    ];
}
