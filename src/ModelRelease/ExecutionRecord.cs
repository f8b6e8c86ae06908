namespace ModelRelease;

/// <summary>One recorded pipeline task run and the versions it touched: the lineage ML Metadata keeps.</summary>
/// <param name="Id">The store's row id.</param>
/// <param name="Task">Task name, e.g. Push.</param>
/// <param name="Model">The model it worked on, when it had one.</param>
/// <param name="Arguments">The arguments it ran with, as JSON.</param>
/// <param name="StartedAt">Start time, UTC.</param>
/// <param name="FinishedAt">End time, UTC; null while running (or when the process died).</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Error">The error message when it failed.</param>
/// <param name="Actor">Who ran it.</param>
/// <param name="Host">Where.</param>
/// <param name="CiRunUrl">The GitHub Actions run, when there was one.</param>
/// <param name="Links">The versions it read and wrote.</param>
public sealed record ExecutionRecord(
    long Id,
    string Task,
    string? Model,
    string Arguments,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    ExecutionOutcome Outcome,
    string? Error,
    string Actor,
    string Host,
    string? CiRunUrl,
    IReadOnlyList<ExecutionLink> Links)
{
    /// <summary>Which process runs it (<c>&lt;pid&gt;:&lt;process start ticks&gt;</c> on <see cref="Host"/>), so a run whose process died can be told from a live one.</summary>
    public string? Lease { get; init; }
}
