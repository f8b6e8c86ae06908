namespace ModelRelease;

/// <summary>A candidate to push: the artifact directory and everything recorded with it.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Artifact">The artifact directory to copy.</param>
public sealed record PushRequest(string Model, string Artifact)
{
    /// <summary>A business name for the version; the default is <c>v-YYYYMMDD-HHMMSS</c> of the push time (UTC).</summary>
    public string? VersionName { get; init; }

    /// <summary>Evaluation metrics, each a finite number.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Training hyperparameters.</summary>
    public IReadOnlyDictionary<string, string> Hyperparameters { get; init; } = new Dictionary<string, string>();

    /// <summary>An explicit dataset version; wins over <see cref="Dataset"/>.</summary>
    public string? DatasetVersion { get; init; }

    /// <summary>The dataset path, versioned through DVC's record or a content fingerprint.</summary>
    public string? Dataset { get; init; }

    /// <summary>Provenance to record; null reads it from the git repository around the working directory.</summary>
    public GitProvenance? Git { get; init; }

    /// <summary>Refuse to push from a dirty or unknown git tree.</summary>
    public bool RequireCleanGit { get; init; }

    /// <summary>The validation verdict to record with the version.</summary>
    public Blessing Blessing { get; init; } = Blessing.Unvalidated;

    /// <summary>Why validation was skipped or what rejected it.</summary>
    public string? BlessingReason { get; init; }

    /// <summary>Free text for the audit log.</summary>
    public string? Reason { get; init; }
}
