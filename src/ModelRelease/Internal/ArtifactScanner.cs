using System.Diagnostics;

namespace ModelRelease.Internal;

/// <summary>
/// Walks an artifact directory, refuses anything that would make a pushed version unsafe or not self-contained,
/// and hashes every file. It only reads: a refusal leaves everything as it was.
/// </summary>
internal static class ArtifactScanner
{
    /// <summary>
    /// Scans <paramref name="artifactDirectory"/> recursively and returns its manifest and entries, in ordinal path
    /// order. Symlinks that resolve inside the artifact are followed: a file link is recorded under the link's own
    /// path with its target's content; a directory link's contents are recorded under the link's path. An empty
    /// directory is recorded as a path ending in '/', because a copy without it is not the same model (TF Serving
    /// expects <c>variables/</c> to exist).
    /// </summary>
    /// <exception cref="RegistryException">
    /// The directory is missing, is not a directory, cannot be listed, holds no files, or holds a symlink that
    /// leaves the artifact, dangles or loops, a FIFO, device, socket or other special file, or a file name with a
    /// control character.
    /// </exception>
    public static ScannedArtifact Scan(string artifactDirectory)
    {
        var (root, realRoot, rules) = Prepare(artifactDirectory);

        // Hashed as the walk goes, so each file is opened right after it was seen to be a regular file.
        var entries = TreeWalker.Walk(realRoot, rules)
            .Select(entry => new ScannedFile(
                entry.IsDirectory ? new ManifestEntry(entry.RelativePath, 0, string.Empty) : FileHashing.HashFile(entry.RealPath, entry.RelativePath),
                entry.RealPath))
            .ToList();

        if (entries.All(e => e.Entry.IsDirectory))
        {
            throw NoFiles(root);
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Entry.Path, b.Entry.Path));
        return new ScannedArtifact(root, VersionManifest.FromEntries(entries.Select(e => e.Entry)), entries);
    }

    /// <summary>
    /// Walks <paramref name="artifactDirectory"/> with every refusal <see cref="Scan"/> makes, but reads no file: it
    /// stamps each (size, times, inode), so a push can copy and hash in one pass and notice a file that changed
    /// meanwhile. Entries are in ordinal path order.
    /// </summary>
    /// <exception cref="RegistryException">As <see cref="Scan"/>, for everything but a file's content.</exception>
    public static WalkedArtifact Walk(string artifactDirectory)
    {
        var (root, realRoot, rules) = Prepare(artifactDirectory);
        var entries = new List<WalkedFile>();
        foreach (var entry in TreeWalker.Walk(realRoot, rules))
        {
            FileStamp? stamp = null;
            if (!entry.IsDirectory)
            {
                stamp = Posix.StampOf(entry.RealPath) ?? throw rules.Refuse(new TreeWalkRefusal(TreeWalkProblem.Vanished, entry.RelativePath));
            }

            entries.Add(new WalkedFile(entry.RelativePath, entry.RealPath, stamp));
        }

        if (entries.All(e => e.Stamp is null))
        {
            throw NoFiles(root);
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return new WalkedArtifact(root, entries);
    }

    private static RegistryException NoFiles(string root) => new(
        $"The artifact directory '{root}' holds no files (it is empty or has only empty directories); point --artifact at the exported model, or wait until the training job has finished writing it.");

    private static (string Root, string RealRoot, TreeWalkRules Rules) Prepare(string artifactDirectory)
    {
        if (string.IsNullOrWhiteSpace(artifactDirectory))
        {
            throw new RegistryException("No artifact directory was given; pass --artifact=<dir>, the directory your training job exported (the one holding saved_model.pb).");
        }

        var root = FullPaths.Normalize(artifactDirectory);
        var realRoot = ResolveRoot(root);
        return (root, realRoot, new TreeWalkRules
        {
            LinksMayLeaveRoot = false,
            ReportsEmptyDirectories = true,
            Refuse = refusal => Refuse(refusal, root, realRoot),
        });
    }

    private static string ResolveRoot(string root)
    {
        if (Posix.KindOf(root) == FileKind.Missing)
        {
            throw new RegistryException(
                $"The artifact directory '{root}' does not exist; pass --artifact the directory your training job exported (the one holding saved_model.pb).");
        }

        var realRoot = RealPaths.Resolve(root, out var loop);
        if (realRoot is null)
        {
            throw new RegistryException(loop
                ? $"The artifact path '{root}' is a loop of symlinks; pass --artifact the real directory your training job exported."
                : $"The artifact path '{root}' is a symlink to something that does not exist; pass --artifact the directory your training job exported.");
        }

        return Posix.KindOf(realRoot) switch
        {
            FileKind.Directory => realRoot,
            FileKind.Regular => throw new RegistryException(
                $"The artifact '{root}' is a file, not a directory; pass --artifact the directory that holds the model (a SavedModel is a directory with saved_model.pb and variables/)."),
            var kind => throw new RegistryException(
                $"The artifact '{root}' is a {FileKindNames.Describe(kind)}, not a directory; pass --artifact the directory that holds the model."),
        };
    }

    /// <summary>The artifact's wording of each problem: what is wrong, with which entry, and what to do before pushing again.</summary>
    private static RegistryException Refuse(TreeWalkRefusal refusal, string root, string realRoot)
    {
        var holds = $"The artifact holds '{refusal.RelativePath}'";
        return refusal.Problem switch
        {
            TreeWalkProblem.ControlCharacter => new RegistryException(
                $"{holds}, whose name contains a tab, newline or other control character that the version manifest cannot record; rename it (for example replace the character with '_') and push again."),
            TreeWalkProblem.LinkLoop => new RegistryException(
                $"{holds}, a symlink to '{refusal.LinkText}' that never resolves (the links form a loop); remove it or point it at a real file inside the artifact, and push again."),
            TreeWalkProblem.DanglingLink => new RegistryException(
                $"{holds}, a dangling symlink to '{refusal.LinkText}', which does not exist; remove the link or restore its target inside the artifact, and push again."),
            TreeWalkProblem.LinkLeavesRoot => new RegistryException(
                $"{holds}, a symlink to '{refusal.LinkText}', which resolves to '{refusal.RealPath}', outside the artifact '{root}'; a version must be self-contained: copy that file or directory into the artifact instead of linking to it, and push again."),
            TreeWalkProblem.LoopsBack => new RegistryException(
                $"{holds}, a symlink to its own ancestor directory '{RelativeToRoot(realRoot, refusal.RealPath)}', so it would repeat forever; remove the link (or point it at a directory that does not contain it) and push again."),
            TreeWalkProblem.NotPlain => new RegistryException(
                $"{holds}, which is {(refusal.ViaLink ? "a symlink to " : string.Empty)}a {FileKindNames.Describe(refusal.Kind)}, not a regular file or directory; a model version must be plain files: remove it from the artifact (or write its data to a regular file) and push again."),
            TreeWalkProblem.Vanished => new RegistryException(
                $"'{refusal.RelativePath}' disappeared from the artifact '{root}' while it was being scanned; re-run the push when the training job has finished writing it."),
            TreeWalkProblem.Unlistable => new RegistryException(
                $"The artifact directory '{Path.Join(root, refusal.RelativePath)}' could not be listed ({refusal.Cause!.Message.TrimEnd('.')}); make it readable by this user and push again.",
                refusal.Cause),
            _ => throw new UnreachableException($"The artifact scan has no wording for {refusal.Problem}."),
        };
    }

    private static string RelativeToRoot(string realRoot, string path)
    {
        var relative = Path.GetRelativePath(realRoot, path);
        return relative == "." ? "(the artifact root)" : relative.Replace(Path.DirectorySeparatorChar, '/');
    }
}
