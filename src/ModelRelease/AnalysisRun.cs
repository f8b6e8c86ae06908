namespace ModelRelease;

/// <summary>
/// One analysis run as the store keeps it: the measurements of one canary version at one traffic step against one
/// stable version. It is open (<see cref="FinishedAt"/> null, <see cref="Verdict"/> Running) until its checks reach a
/// verdict, or until the canary it judges moves (then it is closed as superseded).
/// </summary>
/// <param name="Id">The run's number in the store.</param>
/// <param name="Model">The model.</param>
/// <param name="CanaryVersion">The canary version judged.</param>
/// <param name="StableVersion">The stable version it is compared with.</param>
/// <param name="Weight">The canary's traffic percentage during the run.</param>
/// <param name="Checks">The policy's analysis checks when the run began, as JSON, so the evidence says what was asked.</param>
/// <param name="StartedAt">When the run began.</param>
/// <param name="FinishedAt">When it reached its verdict; null while it runs.</param>
/// <param name="Verdict">Running, or the verdict it ended with.</param>
/// <param name="Decision">What the verdict called for when the run ended (for example "promote"), or why it was closed.</param>
/// <param name="ExecutionId">The task run that began it, when recorded.</param>
public sealed record AnalysisRun(
    long Id,
    string Model,
    string CanaryVersion,
    string StableVersion,
    int Weight,
    string Checks,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    AnalysisVerdict Verdict,
    string? Decision,
    long? ExecutionId)
{
    /// <summary>True while the run still takes measurements.</summary>
    public bool IsOpen => FinishedAt is null;

    /// <summary>True when the run judges <paramref name="canary"/> at <paramref name="weight"/>% against <paramref name="stable"/>.</summary>
    public bool Judges(string canary, int weight, string stable) =>
        CanaryVersion == canary && Weight == weight && StableVersion == stable;
}
