namespace ModelRelease;

/// <summary>The registry's state as metrics, read-only: see <see cref="RegistryExposition"/> for the Prometheus text.</summary>
public sealed partial class ModelRegistry
{
    /// <summary>
    /// The metrics view of every model, or of <paramref name="model"/> only, from one consistent read that creates,
    /// locks and writes nothing. Pruned versions are left out: they can no longer serve.
    /// </summary>
    /// <exception cref="RegistryException"><paramref name="model"/> is not a valid name, or the registry has no such model (the message lists the known ones).</exception>
    public RegistryMetricsSnapshot MetricsSnapshot(string? model = null)
    {
        if (model is not null)
        {
            RequireModelName(model);
        }

        using var reader = OpenRead();
        var models = reader.Models();
        if (model is not null && !models.Contains(model, StringComparer.Ordinal))
        {
            throw new RegistryException(models.Count == 0
                ? $"The registry at {Store.Location} is empty, so it has no model '{model}' to export. Push a version first, or check --root/--registry."
                : $"The registry has no model '{model}' to export. Models: {string.Join(", ", models)}. Pick one of those, or leave --model out to export every model.");
        }

        var rows = new List<ModelMetricsRow>();
        foreach (var name in models.Where(m => model is null || m == model).Order(StringComparer.Ordinal))
        {
            rows.Add(Row(reader, name));
        }

        return new RegistryMetricsSnapshot(rows);
    }

    private static ModelMetricsRow Row(IMetadataReader reader, string model)
    {
        var versions = reader.Versions(model)
            .Where(v => !v.IsPruned)
            .Select(v => new VersionMetricsRow(v.Name, v.Git.Commit, v.Dataset.Value, v.Metrics))
            .ToList();
        var labels = reader.Labels(model);
        var canaryWeight = labels.FirstOrDefault(l => l.Label == LabelNames.Canary) is { } canary ? canary.Weight ?? 0 : 0;
        var labelRows = labels
            .Select(l => new LabelMetricsRow(l.Label, l.Version, l.Label switch
            {
                LabelNames.Stable => 100 - canaryWeight,
                LabelNames.Canary => canaryWeight,
                _ => 0,
            }))
            .OrderBy(l => l.Label, StringComparer.Ordinal)
            .ToList();
        var lastRollback = reader.Events(new EventQuery(model, Kinds: [EventKind.Rollback], Newest: 1)).LastOrDefault();
        return new ModelMetricsRow(model, versions, labelRows, lastRollback?.At);
    }
}
