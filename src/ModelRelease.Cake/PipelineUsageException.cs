namespace ModelRelease.Cake;

/// <summary>
/// The command line is wrong (a malformed or missing argument value). The host prints the message and exits
/// with <see cref="ExitCodes.UsageError"/> before any task runs. Say what was wrong and what would be right.
/// </summary>
public sealed class PipelineUsageException(string message) : Exception(message)
{
}
