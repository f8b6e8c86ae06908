namespace ModelRelease.Pipelines.Report.Internal;

/// <summary>
/// What the page's script needs to compare any two versions: each version's metrics, hyperparameters, dataset and
/// files, and the policy's metric rules. Embedded as JSON, never as script.
/// </summary>
internal static class ReportScriptData
{
    // A file's identity for the diff: size and the start of its hash are enough to tell "changed" in a page.
    private const int HashPrefix = 16;

    public static object For(ModelReport report) => new
    {
        model = report.Model,
        baseline = report.Comparison?.Baseline.Name,
        candidate = report.Comparison?.Candidate.Name,
        versions = report.Versions.Select(v => new
        {
            name = v.Name,
            metrics = v.Metrics,
            hyperparameters = v.Hyperparameters,
            dataset = v.Dataset.Value,
            files = report.Manifests.TryGetValue(v.Name, out var manifest)
                ? manifest.Entries.Where(e => !e.IsDirectory).ToDictionary(e => e.Path, e => new object[] { e.Size, e.Sha256.Length > HashPrefix ? e.Sha256[..HashPrefix] : e.Sha256 })
                : null,
        }),
        rules = (report.Policy?.Metrics ?? []).Select(r => new
        {
            name = r.Name,
            higher = r.Goal == MetricGoal.HigherIsBetter,
            atLeast = r.AtLeast,
            atMost = r.AtMost,
            tolerance = r.Tolerance?.Amount,
            relative = r.Tolerance?.IsRelative ?? false,
            required = r.Required,
        }),
    };
}
