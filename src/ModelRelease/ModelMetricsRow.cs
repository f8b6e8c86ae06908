namespace ModelRelease;

/// <summary>One model in a <see cref="RegistryMetricsSnapshot"/>.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Versions">Its versions that are not pruned (a pruned version cannot serve), by serving number.</param>
/// <param name="Labels">Where its labels point, sorted by label name.</param>
/// <param name="LastRollbackAt">When its last <see cref="EventKind.Rollback"/> event happened, UTC; null when it never rolled back.</param>
public sealed record ModelMetricsRow(
    string Model,
    IReadOnlyList<VersionMetricsRow> Versions,
    IReadOnlyList<LabelMetricsRow> Labels,
    DateTimeOffset? LastRollbackAt);
