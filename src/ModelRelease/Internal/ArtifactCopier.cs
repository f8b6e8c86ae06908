namespace ModelRelease.Internal;

/// <summary>
/// Copies a scanned artifact into a new directory and proves the copy holds exactly what was scanned: every byte
/// is hashed as it is written, so the source is read once, and the copy's manifest must match the scan's.
/// </summary>
internal static class ArtifactCopier
{
    private const UnixFileMode ReadOnlyMode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>
    /// Creates <paramref name="destinationDirectory"/> (its parent must exist), copies every file of
    /// <paramref name="source"/> into it, creates its empty directories, makes it durable and returns the manifest
    /// of what was written, which equals <c>source.Manifest</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Cleanup on failure is done here, not by the caller: only this method knows how far it got, so when anything
    /// fails after the destination was created (an I/O error, or a source that changed since the scan) it deletes
    /// the destination before the exception propagates. The caller sees a complete, verified copy or none. (If that
    /// delete itself fails, the original exception still propagates and the partial copy stays at the
    /// destination, which is why callers copy to a temporary name and rename it into place.)
    /// </para>
    /// <para>
    /// On Unix each copied file is made read-only (0444) before it is flushed, so the mode is as durable as the
    /// bytes; directories stay writable so that pruning can delete the version. Windows files keep their default
    /// attributes, because a read-only attribute there would make the version undeletable by a plain recursive
    /// delete. The new directories are fsynced deepest first; making the destination's own entry durable is the
    /// caller's rename-and-fsync of the parent.
    /// </para>
    /// </remarks>
    /// <exception cref="IOException">The destination already exists, or an I/O operation failed.</exception>
    /// <exception cref="RegistryException">A source file changed, vanished or stopped being a regular file since the scan.</exception>
    public static VersionManifest CopyVerified(ScannedArtifact source, string destinationDirectory)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationDirectory);

        var destination = Path.TrimEndingDirectorySeparator(Path.GetFullPath(destinationDirectory));
        if (Posix.KindOf(destination) != FileKind.Missing)
        {
            throw new IOException(
                $"The copy destination '{destination}' already exists; a version is only ever copied into a new directory. Delete it if it is left over from an interrupted push, or copy to another name.");
        }

        var parent = Path.GetDirectoryName(destination);
        if (parent is null || Posix.KindOf(parent) != FileKind.Directory)
        {
            throw new DirectoryNotFoundException($"The parent directory of the copy destination '{destination}' does not exist; create it first.");
        }

        Directory.CreateDirectory(destination);
        try
        {
            var created = new HashSet<string>(StringComparer.Ordinal) { destination };
            var written = new List<ManifestEntry>(source.Files.Count);
            foreach (var file in source.Files)
            {
                // An empty directory's path ends with '/', so creating its "parents" creates the directory itself,
                // and it is fsynced with the others below; it has no content to hash, so its entry is what was made.
                CreateParents(destination, file.Entry.Path, created);
                written.Add(file.Entry.IsDirectory ? file.Entry : CopyFile(source, file, destination));
            }

            // A child's entry is in its parent, so children are synced before the directories that hold them.
            foreach (var directory in created.OrderByDescending(d => d.Length))
            {
                Posix.FsyncDirectory(directory);
            }

            var copied = VersionManifest.FromEntries(written);
            if (copied.Digest != source.Manifest.Digest)
            {
                throw Changed(source, FirstDifference(source.Manifest, copied));
            }

            return copied;
        }
        catch
        {
            DeleteQuietly(destination);
            throw;
        }
    }

    private static void CreateParents(string destination, string relativePath, HashSet<string> created)
    {
        var segments = relativePath.Split('/');
        var directory = destination;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            directory = Path.Join(directory, segments[i]);
            if (created.Add(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }
    }

    private static ManifestEntry CopyFile(ScannedArtifact source, ScannedFile file, string destination)
    {
        // Checked again before opening: a FIFO put in place since the scan would block the open forever.
        if (Posix.KindOf(file.SourcePath) != FileKind.Regular)
        {
            throw Changed(source, file.Entry.Path);
        }

        FileStream input;
        try
        {
            input = FileHashing.OpenRead(file.SourcePath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Changed(source, file.Entry.Path, e);
        }

        var target = Path.Join(destination, file.Entry.Path.Replace('/', Path.DirectorySeparatorChar));
        using (input)
        using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            var written = FileHashing.Hash(input, file.Entry.Path, copyTo: output);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(output.SafeFileHandle, ReadOnlyMode);
            }

            output.Flush(flushToDisk: true);
            return written;
        }
    }

    /// <summary>The first path (ordinal) whose entry differs between the two manifests, or is in only one.</summary>
    private static string FirstDifference(VersionManifest expected, VersionManifest actual)
    {
        var count = Math.Min(expected.Entries.Count, actual.Entries.Count);
        for (var i = 0; i < count; i++)
        {
            if (expected.Entries[i] != actual.Entries[i])
            {
                return string.CompareOrdinal(expected.Entries[i].Path, actual.Entries[i].Path) <= 0
                    ? expected.Entries[i].Path
                    : actual.Entries[i].Path;
            }
        }

        return expected.Entries.Count > count ? expected.Entries[count].Path : actual.Entries[count].Path;
    }

    private static RegistryException Changed(ScannedArtifact source, string path, Exception? inner = null)
    {
        var message = $"The artifact '{source.Root}' changed while it was being copied: {path}; re-run the push when the training job has finished writing it.";
        return inner is null ? new RegistryException(message) : new RegistryException(message, inner);
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The failure that brought us here is the one worth reporting; see CopyVerified's remarks.
        }
    }
}
