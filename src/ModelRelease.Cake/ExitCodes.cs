namespace ModelRelease.Cake;

/// <summary>The process exit codes every host returns, so CI can branch on them.</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Success = 0;

    /// <summary>A task failed: bad input, I/O, a bug.</summary>
    public const int TaskFailed = 1;

    /// <summary>The command line was wrong: unknown target or argument, a missing or malformed value.</summary>
    public const int UsageError = 2;

    /// <summary>A release gate said no: validation rejected the candidate, or analysis rolled the canary back.</summary>
    public const int GateRejected = 3;
}
