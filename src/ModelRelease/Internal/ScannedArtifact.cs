namespace ModelRelease.Internal;

/// <summary>An artifact directory that passed every safety check, with the manifest of what it held when scanned.</summary>
internal sealed class ScannedArtifact
{
    /// <summary>Creates the result of a scan; <paramref name="files"/> must be in manifest (ordinal path) order.</summary>
    public ScannedArtifact(string root, VersionManifest manifest, IReadOnlyList<ScannedFile> files)
    {
        Root = root;
        Manifest = manifest;
        Files = files;
    }

    /// <summary>Full path of the artifact directory as given (not symlink-resolved), for messages.</summary>
    public string Root { get; }

    /// <summary>The manifest of the files (and empty directories) as they were when scanned.</summary>
    public VersionManifest Manifest { get; }

    /// <summary>The files and empty directories, in the same order as <see cref="VersionManifest.Entries"/>.</summary>
    public IReadOnlyList<ScannedFile> Files { get; }
}
