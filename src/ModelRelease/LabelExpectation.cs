namespace ModelRelease;

/// <summary>
/// What a release step saw when it planned: <paramref name="Label"/> pointed at <paramref name="Version"/>. Given
/// to <see cref="ModelRegistry.ChangeLabels(string, IReadOnlyList{LabelEdit}, IReadOnlyList{LabelExpectation})"/>,
/// it turns a plan made on a read into a compare-and-swap: if another job moved the label in between, the change is refused.
/// </summary>
/// <param name="Label">The label.</param>
/// <param name="Version">The version it must still point at; null when it must still be unset.</param>
public sealed record LabelExpectation(string Label, string? Version);
