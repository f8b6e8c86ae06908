namespace ModelRelease;

/// <summary>
/// What the registry says about its models at one moment, shaped for a metrics system (Prometheus): each live
/// version's evaluation metrics and provenance, where each label points with its traffic weight, and the last
/// rollback. Built by <see cref="ModelRegistry.MetricsSnapshot"/> from one consistent read; rendered by <see cref="RegistryExposition"/>.
/// </summary>
/// <param name="Models">One row per model, sorted by name.</param>
public sealed record RegistryMetricsSnapshot(IReadOnlyList<ModelMetricsRow> Models);
