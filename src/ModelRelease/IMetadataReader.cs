namespace ModelRelease;

/// <summary>
/// A consistent read of the metadata store: everything read through one reader comes from the same snapshot.
/// Unknown models read as empty rather than failing; the registry turns "not found" into a helpful error.
/// </summary>
public interface IMetadataReader : IDisposable
{
    /// <summary>Names of every model with at least one version, sorted.</summary>
    IReadOnlyList<string> Models();

    /// <summary>The version of <paramref name="model"/> called <paramref name="name"/>, pruned or not; null when none.</summary>
    ModelVersion? FindVersion(string model, string name);

    /// <summary>The newest unpruned version of <paramref name="model"/> whose manifest digest is <paramref name="digest"/>.</summary>
    ModelVersion? FindVersionByDigest(string model, string digest);

    /// <summary>
    /// The versions of <paramref name="model"/> that <paramref name="query"/> asks for (default: every one, pruned
    /// ones included), by serving number ascending.
    /// </summary>
    IReadOnlyList<ModelVersion> Versions(string model, VersionQuery? query = null);

    /// <summary>
    /// The name of every version of <paramref name="model"/>, pruned ones included, in no particular order: the names
    /// a new version must not take. A store reads the names alone; this default reads whole versions.
    /// </summary>
    IReadOnlyList<string> VersionNames(string model) => [.. Versions(model).Select(v => v.Name)];

    /// <summary>How many live and pruned versions <paramref name="model"/> has.</summary>
    VersionCounts CountVersions(string model);

    /// <summary>The stored manifest of a version; null when the version is unknown.</summary>
    VersionManifest? Manifest(string model, string name);

    /// <summary>Every label of <paramref name="model"/>, or of all models when null, sorted by model then label.</summary>
    IReadOnlyList<LabelAssignment> Labels(string? model);

    /// <summary>Audit events matching <paramref name="query"/>, oldest first (a page of them when it says Newest or Before).</summary>
    IReadOnlyList<RegistryEvent> Events(EventQuery query);

    /// <summary>One recorded task run with its links; null when unknown.</summary>
    ExecutionRecord? FindExecution(long id);

    /// <summary>Recorded task runs, of one model or all when null, oldest first.</summary>
    IReadOnlyList<ExecutionRecord> Executions(string? model);

    /// <summary>Every label the audit log shows was ever set on <paramref name="model"/> (a link of any other name is not ModelRelease's).</summary>
    IReadOnlyList<string> LabelsEverSet(string model);

    /// <summary>The serving root this store belongs to; null for a new store, or one written before roots were bound.</summary>
    RootBinding? BoundRoot();

    /// <summary>
    /// The analysis runs of <paramref name="model"/>, oldest first; with <paramref name="newest"/>, only that many of
    /// the newest. Empty for a store older than the analysis tables.
    /// </summary>
    IReadOnlyList<AnalysisRun> AnalysisRuns(string model, int? newest = null);

    /// <summary>The measurements of analysis run <paramref name="runId"/>, by check and then in the order taken.</summary>
    IReadOnlyList<AnalysisMeasurement> AnalysisMeasurements(long runId);

    /// <summary>The serving images pushed for <paramref name="model"/> (or one of its versions), oldest first; none in a store older than schema 5.</summary>
    IReadOnlyList<VersionImage> Images(string model, string? version = null);
}
