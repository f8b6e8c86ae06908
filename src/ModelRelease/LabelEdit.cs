namespace ModelRelease;

/// <summary>One label to set or clear in <see cref="ModelRegistry.ChangeLabels(string, IReadOnlyList{LabelEdit})"/>.</summary>
/// <param name="Label">The label.</param>
/// <param name="Version">The version it should point at; null clears it.</param>
/// <param name="Change">How it is recorded (reason, canary weight, event kind, evidence).</param>
public sealed record LabelEdit(string Label, string? Version, LabelChange Change)
{
    /// <summary>Points <paramref name="label"/> at <paramref name="version"/>.</summary>
    public static LabelEdit Set(string label, string version, LabelChange? change = null) => new(label, version, change ?? new LabelChange());

    /// <summary>Clears <paramref name="label"/>; a plain clear is recorded as <see cref="EventKind.LabelClear"/>.</summary>
    public static LabelEdit Clear(string label, LabelChange? change = null) => new(label, null, change ?? new LabelChange(Kind: EventKind.LabelClear));
}
