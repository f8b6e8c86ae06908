using System.Text.Json;

namespace ModelRelease.Pipelines.Report;

/// <summary>Reads what the report shows from the store, in one read so every part is of the same moment.</summary>
public static class ReportReader
{
    private static readonly EventKind[] LabelMoves = [EventKind.LabelMove, EventKind.Promote, EventKind.Rollback, EventKind.LabelClear];

    /// <summary>
    /// Reads <paramref name="model"/>, or every model when null. <paramref name="compare"/> names the baseline and
    /// candidate to compare (<c>--compare=baseline,candidate</c>); without it, stable against canary, else stable
    /// (or the second newest live version) against the newest other live version.
    /// </summary>
    /// <exception cref="RegistryException">The model or a compared version is unknown, or --compare is given for several models.</exception>
    public static IReadOnlyList<ModelReport> Read(ModelRegistry registry, string? model, Func<string, ReleasePolicy?> policyOf, (string Baseline, string Candidate)? compare = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(policyOf);
        using var reader = registry.Store.Read();
        var models = reader.Models();
        if (model is not null && !models.Contains(model, StringComparer.Ordinal))
        {
            throw new RegistryException(models.Count == 0
                ? $"The registry at {registry.Store.Location} is empty, so it has no model '{model}'. Push a version first, or check --root/--registry."
                : $"The registry has no model '{model}'. Models: {string.Join(", ", models)}.");
        }

        var chosen = model is null ? models : [model];
        if (compare is not null && chosen.Count > 1)
        {
            throw new RegistryException($"--compare names versions of one model, and the registry holds {chosen.Count} ({string.Join(", ", chosen)}). Add --model=NAME.");
        }

        return chosen.Select(name => ReadModel(reader, name, policyOf(name), compare)).ToList();
    }

    private static ModelReport ReadModel(IMetadataReader reader, string model, ReleasePolicy? policy, (string Baseline, string Candidate)? compare)
    {
        var versions = reader.Versions(model, VersionQuery.All);
        var manifests = new Dictionary<string, VersionManifest>(StringComparer.Ordinal);
        foreach (var version in versions)
        {
            if (reader.Manifest(model, version.Name) is { } manifest)
            {
                manifests[version.Name] = manifest;
            }
        }

        var labels = reader.Labels(model);
        var events = reader.Events(new EventQuery(model, Kinds: LabelMoves));
        var runs = reader.AnalysisRuns(model)
            .Select(run => new AnalysisRunReport(run, reader.AnalysisMeasurements(run.Id), Conditions(run.Checks)))
            .ToList();
        var pair = Pair(model, versions, labels, compare);
        var comparison = pair is { } p
            ? VersionComparer.Compare(p.Baseline, manifests.GetValueOrDefault(p.Baseline.Name), p.Candidate, manifests.GetValueOrDefault(p.Candidate.Name), policy)
            : null;
        return new ModelReport(model, versions, manifests, labels, events, runs, policy, comparison);
    }

    private static (ModelVersion Baseline, ModelVersion Candidate)? Pair(
        string model, IReadOnlyList<ModelVersion> versions, IReadOnlyList<LabelAssignment> labels, (string Baseline, string Candidate)? compare)
    {
        ModelVersion? Find(string? name) => versions.FirstOrDefault(v => v.Name == name);
        if (compare is { } given)
        {
            var baseline = Find(given.Baseline);
            var candidate = Find(given.Candidate);
            if (baseline is null || candidate is null)
            {
                var missing = baseline is null ? given.Baseline : given.Candidate;
                var known = string.Join(", ", versions.TakeLast(10).Select(v => v.Name));
                throw new RegistryException($"--compare names '{missing}', which is not a version of '{model}'. Newest versions: {known}.");
            }

            return (baseline, candidate);
        }

        var live = versions.Where(v => !v.IsPruned).ToList();
        var stable = Find(labels.FirstOrDefault(l => l.Label == LabelNames.Stable)?.Version);
        var canary = Find(labels.FirstOrDefault(l => l.Label == LabelNames.Canary)?.Version);
        var first = stable ?? (live.Count >= 2 ? live[^2] : null);
        var second = canary ?? live.LastOrDefault(v => v.Name != first?.Name);
        return first is null || second is null ? null : (first, second);
    }

    // The checks as the run recorded them (the policy file's "analysis" array); a row of another shape gives no
    // conditions rather than failing the report, which only shows them.
    private static IReadOnlyDictionary<string, CheckConditions> Conditions(string checks)
    {
        var conditions = new Dictionary<string, CheckConditions>(StringComparer.Ordinal);
        try
        {
            using var json = JsonDocument.Parse(checks);
            if (json.RootElement.ValueKind != JsonValueKind.Array)
            {
                return conditions;
            }

            foreach (var check in json.RootElement.EnumerateArray())
            {
                if (check.ValueKind == JsonValueKind.Object && Text(check, "name") is { } name)
                {
                    conditions[name] = new CheckConditions(Text(check, "successCondition"), Text(check, "failureCondition"));
                }
            }
        }
        catch (JsonException)
        {
            return conditions;
        }

        return conditions;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
