using System.Globalization;
using Cake.Common.Build;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// Where Cake.Common's GitHub Actions commands go: the host's standard output, past its command guard; or standard
/// error while a task keeps standard output for data (JSON a user pipes into jq), which a command line would corrupt.
/// The runner reads commands from both streams.
/// </summary>
internal sealed class GitHubActionsCommandWriter(WorkflowCommandGuard output, WorkflowCommandGuard? error) : IBuildSystemServiceMessageWriter
{
    /// <summary>True while standard output carries data; set by the run once it knows.</summary>
    public Func<bool> OutputCarriesData { get; set; } = () => false;

    public void Write(string format, params object[] args)
    {
        var command = args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
        (OutputCarriesData() && error is not null ? error : output).WriteCommand(command);
    }
}
