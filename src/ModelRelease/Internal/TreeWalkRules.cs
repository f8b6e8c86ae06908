namespace ModelRelease.Internal;

/// <summary>What a <see cref="TreeWalker"/> walk follows, leaves out and reports, and how it words a refusal.</summary>
internal sealed class TreeWalkRules
{
    /// <summary>
    /// True when a symlink may lead anywhere (DVC checks data out as links into its cache); false refuses one
    /// that resolves outside the root (an artifact must be self-contained).
    /// </summary>
    public required bool LinksMayLeaveRoot { get; init; }

    /// <summary>A directory name left out wherever it appears (DVC's <c>.dvc</c> folder), or null to walk everything.</summary>
    public string? SkippedDirectoryName { get; init; }

    /// <summary>
    /// True to report each empty directory (an artifact keeps them: TF Serving expects <c>variables/</c>); false
    /// to report files only (a dataset fingerprint, like git, ignores them).
    /// </summary>
    public bool ReportsEmptyDirectories { get; init; }

    /// <summary>Turns a refusal into the exception the walk throws, worded for the caller's user.</summary>
    public required Func<TreeWalkRefusal, Exception> Refuse { get; init; }
}
