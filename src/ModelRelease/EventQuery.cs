namespace ModelRelease;

/// <summary>Which audit events to list; every filter is optional and they combine with AND.</summary>
/// <param name="Model">Only this model's events.</param>
/// <param name="Label">Only events that moved or cleared this label.</param>
/// <param name="Since">Only events at or after this time.</param>
/// <param name="Kinds">Only these kinds.</param>
/// <param name="Newest">Only the newest this many of the matching events (still listed oldest first); null for all.</param>
/// <param name="Before">Only events older than the event with this id: the next page back from a page whose oldest event it is.</param>
public sealed record EventQuery(
    string? Model = null,
    string? Label = null,
    DateTimeOffset? Since = null,
    IReadOnlyCollection<EventKind>? Kinds = null,
    int? Newest = null,
    long? Before = null);
