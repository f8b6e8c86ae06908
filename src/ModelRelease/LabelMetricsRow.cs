namespace ModelRelease;

/// <summary>One label in a <see cref="ModelMetricsRow"/>, with the share of traffic it serves.</summary>
/// <param name="Label">Label name: stable, canary, golden or a custom one.</param>
/// <param name="Version">The version it points at.</param>
/// <param name="Weight">
/// Traffic percentage: the canary's own weight; stable's is 100 minus the canary's when a canary is set, else 100;
/// every other label (golden, custom ones) serves no traffic of its own, so 0.
/// </param>
public sealed record LabelMetricsRow(string Label, string Version, int Weight);
