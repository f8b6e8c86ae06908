namespace ModelRelease.Internal;

/// <summary>An artifact directory that passed every safety check of the scan, walked but not read.</summary>
/// <param name="Root">Full path of the artifact directory as given (not symlink-resolved), for messages.</param>
/// <param name="Files">The files and empty directories, in ordinal path order.</param>
internal sealed record WalkedArtifact(string Root, IReadOnlyList<WalkedFile> Files)
{
    /// <summary>Number of files (empty directories are not files).</summary>
    public int FileCount => Files.Count(f => !f.IsDirectory);

    /// <summary>Total size of the files at the walk.</summary>
    public long TotalBytes => Files.Sum(f => f.Size);
}
