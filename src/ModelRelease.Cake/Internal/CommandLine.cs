using Cake.Core.Diagnostics;

namespace ModelRelease.Cake.Internal;

/// <summary>The parsed command line: host switches apart, task arguments as name/value pairs (names lower-case).</summary>
internal sealed record CommandLine(
    IReadOnlyList<string> Targets,
    Verbosity Verbosity,
    bool DryRun,
    bool Exclusive,
    bool Tree,
    bool Description,
    bool ShowVersion,
    bool Help,
    IReadOnlyList<KeyValuePair<string, string>> TaskArguments)
{
    public IEnumerable<string> TaskArgumentNames => TaskArguments.Select(a => a.Key).Distinct(StringComparer.Ordinal);
}
