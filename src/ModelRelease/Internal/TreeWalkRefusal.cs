namespace ModelRelease.Internal;

/// <summary>What stopped a <see cref="TreeWalker"/> walk, with what a message needs to name it.</summary>
/// <param name="Problem">What is wrong.</param>
/// <param name="RelativePath">
/// Where, relative to the root and '/'-separated, with control characters shown as <c>\uXXXX</c> so the message
/// cannot garble a terminal; empty for the root itself.
/// </param>
internal sealed record TreeWalkRefusal(TreeWalkProblem Problem, string RelativePath)
{
    /// <summary>For link problems: the link's own text, as the user wrote it.</summary>
    public string LinkText { get; init; } = string.Empty;

    /// <summary>
    /// For <see cref="TreeWalkProblem.LinkLeavesRoot"/>, where the link really leads; for
    /// <see cref="TreeWalkProblem.LoopsBack"/>, the real path of the directory it leads back to.
    /// </summary>
    public string RealPath { get; init; } = string.Empty;

    /// <summary>For <see cref="TreeWalkProblem.NotPlain"/>: what the entry (or the link's target) is.</summary>
    public FileKind Kind { get; init; }

    /// <summary>For <see cref="TreeWalkProblem.NotPlain"/>: true when the entry is a symlink to that kind.</summary>
    public bool ViaLink { get; init; }

    /// <summary>For <see cref="TreeWalkProblem.Unlistable"/>: the error the listing raised.</summary>
    public Exception? Cause { get; init; }
}
