namespace ModelRelease;

/// <summary>Which versions of a model to read; both filters combine.</summary>
/// <param name="IncludePruned">True to list pruned versions (their metadata stays after their files are deleted) too.</param>
/// <param name="Newest">Only this many of the newest matching versions (still listed by serving number ascending); null for all.</param>
public sealed record VersionQuery(bool IncludePruned = true, int? Newest = null)
{
    /// <summary>Every version, pruned ones included.</summary>
    public static VersionQuery All { get; } = new();

    /// <summary>Only versions whose files are in the serving root: what a label move or the serving view reads.</summary>
    public static VersionQuery Live { get; } = new(IncludePruned: false);
}
