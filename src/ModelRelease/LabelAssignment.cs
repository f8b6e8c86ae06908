namespace ModelRelease;

/// <summary>Where a label points now.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Label">Label name (stable, canary, golden or a custom one).</param>
/// <param name="Version">The version it points at.</param>
/// <param name="Number">That version's serving number.</param>
/// <param name="Weight">Traffic percentage for canary; null for other labels.</param>
/// <param name="UpdatedAt">When it last moved, UTC.</param>
public sealed record LabelAssignment(string Model, string Label, string Version, long Number, int? Weight, DateTimeOffset UpdatedAt);
