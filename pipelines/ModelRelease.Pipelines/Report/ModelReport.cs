namespace ModelRelease.Pipelines.Report;

/// <summary>Everything the report shows of one model, read from the store at one moment.</summary>
/// <param name="Model">The model.</param>
/// <param name="Versions">Every version, pruned ones included, by serving number ascending.</param>
/// <param name="Manifests">Each live version's file manifest by version name (a pruned version's is kept too when the store has it).</param>
/// <param name="Labels">Where each label points now.</param>
/// <param name="LabelEvents">Every label move (set, promote, rollback, clear), oldest first.</param>
/// <param name="AnalysisRuns">Every canary analysis run with its measurements, oldest first.</param>
/// <param name="Policy">The model's release policy, when the host or <c>--policy</c> knows it.</param>
/// <param name="Comparison">The two versions compared by default (or by <c>--compare</c>); null with fewer than two versions.</param>
public sealed record ModelReport(
    string Model,
    IReadOnlyList<ModelVersion> Versions,
    IReadOnlyDictionary<string, VersionManifest> Manifests,
    IReadOnlyList<LabelAssignment> Labels,
    IReadOnlyList<RegistryEvent> LabelEvents,
    IReadOnlyList<AnalysisRunReport> AnalysisRuns,
    ReleasePolicy? Policy,
    VersionComparison? Comparison)
{
    /// <summary>The version a label points at now, or null.</summary>
    public string? VersionAt(string label) => Labels.FirstOrDefault(l => l.Label == label)?.Version;

    /// <summary>The metric names any version has, sorted (ordinal).</summary>
    public IReadOnlyList<string> MetricNames() =>
        Versions.SelectMany(v => v.Metrics.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
