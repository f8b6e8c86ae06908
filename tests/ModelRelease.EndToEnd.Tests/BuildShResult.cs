namespace ModelRelease.EndToEnd.Tests;

/// <summary>What one ./build.sh call produced.</summary>
public sealed record BuildShResult(IReadOnlyList<string> Arguments, int ExitCode, string StdOut, string StdErr)
{
    /// <summary>The command that was run, for messages: ./build.sh unless another one (dotnet new, git) was.</summary>
    public string Command { get; init; } = "./build.sh";

    /// <summary>True when the bootstrap compiled the host during this call.</summary>
    public bool RebuiltHost => StdErr.Contains("Building the build host", StringComparison.Ordinal);

    /// <summary>The whole call, for assertion messages: a failing test must show what the script printed.</summary>
    public override string ToString() =>
        $"{Command} {string.Join(' ', Arguments)} exited {ExitCode}{Environment.NewLine}" +
        $"--- stdout ---{Environment.NewLine}{StdOut}{Environment.NewLine}" +
        $"--- stderr ---{Environment.NewLine}{StdErr}";
}
