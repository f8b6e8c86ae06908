namespace ModelRelease.Internal;

/// <summary>
/// A read of the store with a <see cref="Rehearsal"/> laid over it: the versions, blessings, labels and events the
/// steps planned so far would have written appear as if they had been. Everything else is the store's own answer.
/// </summary>
internal sealed class RehearsalReader(IMetadataReader inner, Rehearsal rehearsal) : IMetadataReader
{
    public IReadOnlyList<string> Models() =>
        inner.Models().Concat(rehearsal.AddedModels).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public ModelVersion? FindVersion(string model, string name)
    {
        var version = rehearsal.Added(model).FirstOrDefault(v => v.Name == name) ?? inner.FindVersion(model, name);
        return version is null ? null : rehearsal.Overlay(version);
    }

    public ModelVersion? FindVersionByDigest(string model, string digest)
    {
        var planned = rehearsal.ChangesVersionsOf(model) ? Versions(model).LastOrDefault(v => v.Digest == digest && !v.IsPruned) : null;
        return planned ?? (inner.FindVersionByDigest(model, digest) is { } stored ? rehearsal.Overlay(stored) : null);
    }

    public IReadOnlyList<ModelVersion> Versions(string model, VersionQuery? query = null)
    {
        query ??= VersionQuery.All;
        if (!rehearsal.ChangesVersionsOf(model))
        {
            // Nothing planned adds or prunes a version of this model: the store's own answer to the query is the
            // rehearsal's, blessings aside (they do not decide which versions a query lists). On a model with years of
            // pruned history, a dry run then reads what the real run reads, not every version it ever had.
            return inner.Versions(model, query).Select(rehearsal.Overlay).ToList();
        }

        // A planned prune overlays pruned_at, so the filters apply after the overlay.
        var all = inner.Versions(model, query with { Newest = null, IncludePruned = true })
            .Concat(rehearsal.Added(model)).Select(rehearsal.Overlay)
            .Where(v => query.IncludePruned || !v.IsPruned).OrderBy(v => v.Number).ToList();
        return query.Newest is { } newest ? all.Skip(Math.Max(0, all.Count - newest)).ToList() : all;
    }

    /// <summary>Planned versions are never pruned before they are pushed, so every name is the store's or a planned push's.</summary>
    public IReadOnlyList<string> VersionNames(string model) => [.. inner.VersionNames(model), .. rehearsal.Added(model).Select(v => v.Name)];

    public VersionCounts CountVersions(string model)
    {
        if (!rehearsal.ChangesVersionsOf(model))
        {
            return inner.CountVersions(model);
        }

        var versions = Versions(model);
        return new VersionCounts(versions.Count(v => !v.IsPruned), versions.Count(v => v.IsPruned));
    }

    /// <summary>A planned version's manifest is not kept: only its digest and counts are, which is what a plan reads.</summary>
    public VersionManifest? Manifest(string model, string name) => inner.Manifest(model, name);

    public IReadOnlyList<LabelAssignment> Labels(string? model)
    {
        var labels = inner.Labels(model).ToDictionary(l => (l.Model, l.Label));
        foreach (var ((labelModel, label), assignment) in rehearsal.LabelChanges.Where(c => model is null || c.Key.Model == model))
        {
            if (assignment is null)
            {
                labels.Remove((labelModel, label));
            }
            else
            {
                // A plan only moves a label to a version it read, so the version is there to give its number.
                labels[(labelModel, label)] = assignment with { Number = FindVersion(labelModel, assignment.Version)?.Number ?? 0 };
            }
        }

        return labels.Values.OrderBy(l => l.Model, StringComparer.Ordinal).ThenBy(l => l.Label, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<RegistryEvent> Events(EventQuery query)
    {
        var planned = rehearsal.Events.Where(e =>
            (query.Model is null || e.Model == query.Model)
            && (query.Label is null || e.Label == query.Label)
            && (query.Since is null || e.At >= query.Since)
            && (query.Kinds is null || query.Kinds.Contains(e.Kind)));
        var events = inner.Events(query).Concat(planned).Where(e => query.Before is null || e.Id < query.Before).ToList();
        return query.Newest is { } newest ? events.Skip(Math.Max(0, events.Count - newest)).ToList() : events;
    }

    public ExecutionRecord? FindExecution(long id) => inner.FindExecution(id);

    public IReadOnlyList<ExecutionRecord> Executions(string? model) => inner.Executions(model);

    public IReadOnlyList<string> LabelsEverSet(string model) =>
        inner.LabelsEverSet(model).Concat(rehearsal.LabelChanges.Where(c => c.Key.Model == model).Select(c => c.Key.Label))
            .Distinct(StringComparer.Ordinal).ToList();

    public RootBinding? BoundRoot() => inner.BoundRoot();

    public void Dispose() => inner.Dispose();

    // A rehearsal plans label moves and pushes, never analysis: runs read as the store holds them.
    public IReadOnlyList<AnalysisRun> AnalysisRuns(string model, int? newest = null) => inner.AnalysisRuns(model, newest);

    public IReadOnlyList<AnalysisMeasurement> AnalysisMeasurements(long runId) => inner.AnalysisMeasurements(runId);

    /// <summary>A plan never pushes an image, so the store's answer is the rehearsal's.</summary>
    public IReadOnlyList<VersionImage> Images(string model, string? version = null) => inner.Images(model, version);
}
