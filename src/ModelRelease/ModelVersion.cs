namespace ModelRelease;

/// <summary>One pushed version of a model with its full provenance, as the metadata store keeps it.</summary>
/// <param name="Id">The store's row id.</param>
/// <param name="Model">Model name.</param>
/// <param name="Name">Version name: <c>v-YYYYMMDD-HHMMSS</c> or a business name.</param>
/// <param name="Number">The strictly increasing serving number TF Serving loads it under.</param>
/// <param name="Digest">The manifest digest (<c>sha256:…</c>).</param>
/// <param name="TotalBytes">Size of all files.</param>
/// <param name="FileCount">Number of files.</param>
/// <param name="Git">The code it was built from.</param>
/// <param name="Dataset">The data it was trained on.</param>
/// <param name="Hyperparameters">Training hyperparameters, name → value as text.</param>
/// <param name="Metrics">Evaluation metrics, name → value.</param>
/// <param name="CreatedAt">Push time, UTC.</param>
/// <param name="Actor">Who pushed it (the GitHub actor in CI, else the OS user).</param>
/// <param name="Host">The machine it was pushed from.</param>
/// <param name="CiRunUrl">The GitHub Actions run that pushed it, when there was one.</param>
/// <param name="Blessing">What validation said.</param>
/// <param name="BlessingReason">Why, when validation was skipped or rejected.</param>
/// <param name="PrunedAt">When its files were deleted; its metadata stays for the audit.</param>
public sealed record ModelVersion(
    long Id,
    string Model,
    string Name,
    long Number,
    string Digest,
    long TotalBytes,
    int FileCount,
    GitProvenance Git,
    DatasetVersion Dataset,
    IReadOnlyDictionary<string, string> Hyperparameters,
    IReadOnlyDictionary<string, double> Metrics,
    DateTimeOffset CreatedAt,
    string Actor,
    string Host,
    string? CiRunUrl,
    Blessing Blessing,
    string? BlessingReason,
    DateTimeOffset? PrunedAt)
{
    /// <summary>The GitHub Actions workflow that pushed it, when a run did.</summary>
    public string? CiWorkflow { get; init; }

    /// <summary>The job of that workflow that pushed it.</summary>
    public string? CiJob { get; init; }

    /// <summary>True when the files are gone: the version can no longer serve or be a rollback target.</summary>
    public bool IsPruned => PrunedAt is not null;
}
