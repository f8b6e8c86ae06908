namespace ModelRelease;

/// <summary>What a label change did.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Label">Label name.</param>
/// <param name="From">Where it pointed before; null when it was not set.</param>
/// <param name="To">Where it points now; null when it was cleared.</param>
/// <param name="Changed">False when the label already pointed there (with the same weight): nothing was recorded.</param>
public sealed record LabelChangeResult(string Model, string Label, string? From, string? To, bool Changed);
