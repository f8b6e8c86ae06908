namespace ModelRelease;

/// <summary>An audit event about to be appended; the store assigns its id.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Label">The label, for label events.</param>
/// <param name="FromVersion">Where the label pointed before.</param>
/// <param name="ToVersion">The version concerned.</param>
/// <param name="Actor">Who.</param>
/// <param name="Host">Where.</param>
/// <param name="Reason">Free text.</param>
/// <param name="Evidence">JSON support.</param>
/// <param name="At">When, UTC.</param>
/// <param name="ExecutionId">The task run, if recorded.</param>
public sealed record EventDraft(
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
    long? ExecutionId);
