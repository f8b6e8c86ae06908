namespace ModelRelease;

/// <summary>A version about to be recorded: everything <see cref="ModelVersion"/> holds except what the store assigns.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Name">Version name.</param>
/// <param name="Number">Serving number, larger than every earlier one of the model.</param>
/// <param name="Manifest">Files, sizes and hashes.</param>
/// <param name="Git">Code provenance.</param>
/// <param name="Dataset">Data provenance.</param>
/// <param name="Hyperparameters">Hyperparameters.</param>
/// <param name="Metrics">Metrics.</param>
/// <param name="CreatedAt">Push time, UTC.</param>
/// <param name="Actor">Who.</param>
/// <param name="Host">Where.</param>
/// <param name="CiRunUrl">The CI run, if any.</param>
/// <param name="Blessing">Validation verdict.</param>
/// <param name="BlessingReason">Why, for skipped or rejected.</param>
public sealed record VersionDraft(
    string Model,
    string Name,
    long Number,
    VersionManifest Manifest,
    GitProvenance Git,
    DatasetVersion Dataset,
    IReadOnlyDictionary<string, string> Hyperparameters,
    IReadOnlyDictionary<string, double> Metrics,
    DateTimeOffset CreatedAt,
    string Actor,
    string Host,
    string? CiRunUrl,
    Blessing Blessing,
    string? BlessingReason)
{
    /// <summary>The GitHub Actions workflow, if any.</summary>
    public string? CiWorkflow { get; init; }

    /// <summary>The job of that workflow.</summary>
    public string? CiJob { get; init; }
}
