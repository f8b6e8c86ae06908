namespace ModelRelease.Pipelines.Output;

/// <summary>How output spells a model's labels.</summary>
public static class Labels
{
    /// <summary>"stable → v2, canary → v4 (10%), golden → v2", or "none"; names shown with <see cref="DisplayText.Escape(string?)"/>.</summary>
    public static string Describe(IEnumerable<LabelAssignment> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var text = string.Join(", ", Ordered(labels).Select(l => l.Weight is { } weight ? $"{DisplayText.Escape(l.Label)} → {DisplayText.Escape(l.Version)} ({weight}%)" : $"{DisplayText.Escape(l.Label)} → {DisplayText.Escape(l.Version)}"));
        return text.Length == 0 ? "none" : text;
    }

    /// <summary>stable, canary, golden, then custom labels by name: the order people read them in.</summary>
    public static IEnumerable<LabelAssignment> Ordered(IEnumerable<LabelAssignment> labels) =>
        labels.OrderBy(l => l.Label switch { LabelNames.Stable => 0, LabelNames.Canary => 1, LabelNames.Golden => 2, _ => 3 })
            .ThenBy(l => l.Label, StringComparer.Ordinal);
}
