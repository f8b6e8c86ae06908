namespace ModelRelease;

/// <summary>The data a model version was trained on, and how that was established.</summary>
/// <param name="Value">The version string: as given, DVC's md5 (e.g. <c>md5:3f2a….dir</c>), or <c>sha256:…</c> for a fingerprint.</param>
/// <param name="Source">Which of the three it was, or <see cref="DatasetVersionSource.Unknown"/>.</param>
public sealed record DatasetVersion(string Value, DatasetVersionSource Source)
{
    /// <summary>What is recorded when no dataset and no dataset version were given.</summary>
    public static DatasetVersion Unknown { get; } = new("unknown", DatasetVersionSource.Unknown);
}
