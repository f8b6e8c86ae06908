using ModelRelease.Pipelines.Report;

namespace ModelRelease.Pipelines.Tests.Report;

/// <summary>
/// A report built in memory, with fixed times and hashes so its HTML and Markdown are the same on every run: three
/// versions of "mnist" (v1 stable, v3 canary at 20%), a hostile reason, and one failed canary analysis run.
/// </summary>
internal static class ReportSample
{
    public const string HostileReason = "<script>alert('owned')</script> & \"quotes\"";

    public static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 30, 0, TimeSpan.Zero);

    public static readonly ReleasePolicy Policy = ReleasePolicy.For("mnist")
        .Metric(MetricRule.Higher("accuracy").AtLeastValue(0.8).MayDropBy(0.01))
        .Metric(MetricRule.Lower("latency_p99_ms").AtMostValue(100).MayGrowByPercent(10));

    public static ModelVersion Version(string name, int index, IReadOnlyDictionary<string, double> metrics, IReadOnlyDictionary<string, string> hyperparameters, string dataset, bool pruned = false) => new(
        index, "mnist", name, 20261128093000 + index, $"sha256:{index:x64}", 1000L * index, 2,
        new GitProvenance(new string((char)('a' + index), 40), "main", false, false, "https://github.com/acme/mnist.git", null, GitProvenanceSource.Repository),
        new DatasetVersion(dataset, DatasetVersionSource.Given), hyperparameters, metrics, Start.AddHours(index), "trainer", "ci-1", null,
        Blessing.Blessed, null, pruned ? Start.AddDays(1) : null);

    public static readonly ModelVersion V1 = Version("v1", 1, new Dictionary<string, double> { ["accuracy"] = 0.91, ["latency_p99_ms"] = 50 },
        new Dictionary<string, string> { ["lr"] = "0.001", ["epochs"] = "10" }, "reviews-2026-10");

    public static readonly ModelVersion V2 = Version("v2", 2, new Dictionary<string, double> { ["accuracy"] = 0.92 },
        new Dictionary<string, string> { ["lr"] = "0.001", ["epochs"] = "20" }, "reviews-2026-10");

    public static readonly ModelVersion V3 = Version("v3", 3, new Dictionary<string, double> { ["accuracy"] = 0.895, ["latency_p99_ms"] = 58, ["f1"] = 0.7 },
        new Dictionary<string, string> { ["lr"] = "0.002", ["epochs"] = "10", ["dropout"] = "0.1" }, "reviews-2026-11");

    public static VersionManifest Manifest(params (string Path, long Size, char Hash)[] files) =>
        VersionManifest.FromEntries(files.Select(f => new ManifestEntry(f.Path, f.Size, new string(f.Hash, 64))));

    public static readonly VersionManifest V1Files = Manifest(("saved_model.pb", 100, 'a'), ("variables/variables.index", 10, 'b'), ("assets/vocab.txt", 5, 'c'));

    public static readonly VersionManifest V3Files = Manifest(("saved_model.pb", 120, 'd'), ("variables/variables.index", 10, 'b'), ("assets/labels.txt", 7, 'e'));

    public static ModelReport Build()
    {
        var labels = new List<LabelAssignment>
        {
            new("mnist", LabelNames.Canary, "v3", V3.Number, 20, Start.AddHours(5)),
            new("mnist", LabelNames.Stable, "v1", V1.Number, null, Start.AddHours(2)),
        };
        var events = new List<RegistryEvent>
        {
            new(1, "mnist", EventKind.Promote, LabelNames.Stable, null, "v1", "alice", "laptop", "first release", null, Start.AddHours(2), null),
            new(2, "mnist", EventKind.LabelMove, LabelNames.Canary, null, "v3", "bob", "ci-1", HostileReason, "{\"weight\":20}", Start.AddHours(5), null),
        };
        var run = new AnalysisRun(7, "mnist", "v3", "v1", 20, "[]", Start.AddHours(5), Start.AddHours(6), AnalysisVerdict.Failed, "rollback", null);
        var measurements = Enumerable.Range(1, 3)
            .Select(i => new AnalysisMeasurement(7, "error-rate", i, Start.AddHours(5).AddMinutes(i), i == 3 ? MeasurementVerdict.Failed : MeasurementVerdict.Successful, 0.01 * i, 0.01, "q", "q", null))
            .ToList();
        var runs = new List<AnalysisRunReport>
        {
            new(run, measurements, new Dictionary<string, CheckConditions> { ["error-rate"] = new("canary <= 0.025", null) }),
        };
        var manifests = new Dictionary<string, VersionManifest> { ["v1"] = V1Files, ["v3"] = V3Files };
        var comparison = VersionComparer.Compare(V1, V1Files, V3, V3Files, Policy);
        return new ModelReport("mnist", [V1, V2, V3], manifests, labels, events, runs, Policy, comparison);
    }
}
