namespace ModelRelease;

/// <summary>A new analysis run to record; the store gives it its id.</summary>
/// <param name="Model">The model.</param>
/// <param name="CanaryVersion">The canary version to judge.</param>
/// <param name="StableVersion">The stable version it is compared with.</param>
/// <param name="Weight">The canary's traffic percentage.</param>
/// <param name="Checks">The policy's analysis checks, as JSON.</param>
/// <param name="StartedAt">When the run begins.</param>
/// <param name="ExecutionId">The task run that begins it, when recorded.</param>
public sealed record AnalysisRunDraft(
    string Model,
    string CanaryVersion,
    string StableVersion,
    int Weight,
    string Checks,
    DateTimeOffset StartedAt,
    long? ExecutionId);
