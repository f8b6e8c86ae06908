namespace ModelRelease;

/// <summary>How a label move is recorded.</summary>
/// <param name="Reason">Free text for the audit log.</param>
/// <param name="Weight">Canary traffic percentage, 1–99; only for the canary label.</param>
/// <param name="Kind">The event kind: a plain move, a promotion or a rollback.</param>
/// <param name="Evidence">
/// Support for the audit log, e.g. analysis results: an object the library serialises to JSON (a record, a dictionary,
/// a <c>JsonElement</c> or <c>JsonNode</c>; a string is stored as a JSON string), so every row stays readable as JSON.
/// </param>
public sealed record LabelChange(string? Reason = null, int? Weight = null, EventKind Kind = EventKind.LabelMove, object? Evidence = null);
