namespace ModelRelease;

/// <summary>One entry of the append-only audit log.</summary>
/// <param name="Id">Position in the log; later events have larger ids.</param>
/// <param name="Model">Model name.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Label">The label that moved, for label events.</param>
/// <param name="FromVersion">Where the label pointed before, for label events; null when it was not set.</param>
/// <param name="ToVersion">The version pushed, labelled, validated or pruned; null when a label was cleared, or when a candidate that was never pushed was validated.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="Host">On which machine.</param>
/// <param name="Reason">Free text given with the change.</param>
/// <param name="Evidence">Machine-readable support (JSON), e.g. the validation checks or the canary weight.</param>
/// <param name="At">When, UTC.</param>
/// <param name="ExecutionId">The pipeline task run that made the change, when one was recorded.</param>
public sealed record RegistryEvent(
    long Id,
    string Model,
    EventKind Kind,
    string? Label,
    string? FromVersion,
    string? ToVersion,
    string Actor,
    string Host,
    string? Reason,
    string? Evidence,
    DateTimeOffset At,
    long? ExecutionId)
{
    /// <summary>
    /// <see cref="Evidence"/> as JSON, or null when there is none. A row an older ModelRelease stored as plain text
    /// (before evidence was serialised by the library) reads as a JSON string, so no stored row can break a reader.
    /// </summary>
    public System.Text.Json.JsonElement? ReadEvidence() => Internal.EvidenceJson.Read(Evidence);
}
