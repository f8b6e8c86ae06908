namespace ModelRelease;

/// <summary>How many versions a model has, counted in the store without reading them.</summary>
/// <param name="Live">Versions whose files are in the serving root.</param>
/// <param name="Pruned">Versions whose files were deleted; their metadata stays.</param>
public sealed record VersionCounts(long Live, long Pruned)
{
    /// <summary>Every version the model ever had.</summary>
    public long Total => Live + Pruned;
}
