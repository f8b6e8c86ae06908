namespace ModelRelease.Internal;

/// <summary>One entry of a walked (not yet read) artifact: a file with its stamp, or an empty directory.</summary>
/// <param name="RelativePath">Path below the artifact with '/' separators; an empty directory's ends with '/'.</param>
/// <param name="SourcePath">Full path of the bytes with every symlink resolved.</param>
/// <param name="Stamp">The file's stat at the walk; null for an empty directory.</param>
internal sealed record WalkedFile(string RelativePath, string SourcePath, FileStamp? Stamp)
{
    /// <summary>True for an empty directory.</summary>
    public bool IsDirectory => Stamp is null;

    /// <summary>The size at the walk; 0 for a directory.</summary>
    public long Size => Stamp?.Size ?? 0;
}
