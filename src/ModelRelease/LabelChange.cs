namespace ModelRelease;

/// <summary>How a label move is recorded.</summary>
/// <param name="Reason">Free text for the audit log.</param>
/// <param name="Weight">Canary traffic percentage, 1–99; only for the canary label.</param>
/// <param name="Kind">The event kind: a plain move, a promotion or a rollback.</param>
/// <param name="Evidence">JSON support for the audit log, e.g. analysis results.</param>
public sealed record LabelChange(string? Reason = null, int? Weight = null, EventKind Kind = EventKind.LabelMove, string? Evidence = null);
