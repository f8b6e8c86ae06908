using Xunit;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>One host run: its exit code and what it printed.</summary>
public sealed record HostRun(int ExitCode, string Out, string Error)
{
    /// <summary>Fails with everything the run printed unless it exited <paramref name="expected"/>.</summary>
    public void AssertExit(int expected)
    {
        if (ExitCode != expected)
        {
            Assert.Fail($"Expected exit {expected}, got {ExitCode}.\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}");
        }
    }
}
