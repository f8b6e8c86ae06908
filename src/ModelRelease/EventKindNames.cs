namespace ModelRelease;

/// <summary>How the CLI spells an event kind, the same in History, JSON and dry-run plans.</summary>
public static class EventKindNames
{
    /// <summary>push, push-repeated, label-move, promote, rollback, label-clear, validation or prune.</summary>
    public static string Of(EventKind kind) => kind switch
    {
        EventKind.PushRepeated => "push-repeated",
        EventKind.LabelMove => "label-move",
        EventKind.LabelClear => "label-clear",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
