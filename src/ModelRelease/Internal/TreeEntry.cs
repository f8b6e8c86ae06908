namespace ModelRelease.Internal;

/// <summary>One regular file, or one empty directory, found by a <see cref="TreeWalker"/> walk.</summary>
/// <param name="RelativePath">
/// Path below the root with '/' separators, as a manifest records it; an empty directory's ends with '/'.
/// </param>
/// <param name="RealPath">Full path with every symlink resolved: where the bytes really are.</param>
internal sealed record TreeEntry(string RelativePath, string RealPath)
{
    /// <summary>True for an empty directory.</summary>
    public bool IsDirectory => RelativePath.EndsWith('/');
}
