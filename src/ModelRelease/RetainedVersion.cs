namespace ModelRelease;

/// <summary>A version a prune keeps, with every reason it is kept.</summary>
/// <param name="Version">The version.</param>
/// <param name="Reasons">
/// Why, labels first (stable, canary, golden, then custom labels alphabetically), then "previous stable", then
/// "newest N"; a version can have several.
/// </param>
public sealed record RetainedVersion(ModelVersion Version, IReadOnlyList<string> Reasons);
