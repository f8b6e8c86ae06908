namespace ModelRelease;

/// <summary>The code a model version was built from.</summary>
/// <param name="Commit">Full commit SHA, or <c>unknown</c>.</param>
/// <param name="Branch">Branch name; null when HEAD is detached or unknown.</param>
/// <param name="IsDetached">True when HEAD pointed at a commit rather than a branch.</param>
/// <param name="IsDirty">True when tracked files differ from HEAD; null when that could not be known (no repository).</param>
/// <param name="RemoteUrl">The <c>origin</c> remote (or the only remote), with any credentials removed; null when none.</param>
/// <param name="Tag">A tag pointing at HEAD, if any.</param>
/// <param name="Source">Where this came from.</param>
public sealed record GitProvenance(
    string Commit,
    string? Branch,
    bool IsDetached,
    bool? IsDirty,
    string? RemoteUrl,
    string? Tag,
    GitProvenanceSource Source)
{
    /// <summary>The commit recorded when there is neither a repository nor <c>GITHUB_SHA</c>.</summary>
    public const string UnknownCommit = "unknown";

    /// <summary>Provenance for a build with no repository and no CI variables.</summary>
    public static GitProvenance Unknown { get; } =
        new(UnknownCommit, null, false, null, null, null, GitProvenanceSource.Unknown);

    /// <summary>True when the commit is known and the tree is known to be clean: the version can be rebuilt from git.</summary>
    /// <remarks>A repository with no commits yet is never clean: there is no commit to rebuild from.</remarks>
    public bool IsClean => Source != GitProvenanceSource.Unknown && Commit != UnknownCommit && IsDirty == false;
}
