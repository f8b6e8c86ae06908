using System.Security.Cryptography;

namespace ModelRelease.Internal;

/// <summary>
/// Walks an artifact directory, refuses anything that would make a pushed version unsafe or not self-contained,
/// and hashes every file. It only reads: a refusal leaves everything as it was.
/// </summary>
internal static class ArtifactScanner
{
    /// <summary>Linux gives up after 40 links in one lookup (ELOOP); so do we.</summary>
    private const int MaxSymlinksPerLookup = 40;

    private const int BufferSize = 1 << 20;

    /// <summary>Where names are compared as the filesystem compares them, by default.</summary>
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// Scans <paramref name="artifactDirectory"/> recursively (ordinal order) and returns its manifest and files.
    /// Symlinks that resolve inside the artifact are followed: a file link is recorded under the link's own path
    /// with its target's content; a directory link's contents are recorded under the link's path.
    /// </summary>
    /// <exception cref="RegistryException">
    /// The directory is missing, is not a directory, holds no files, or holds a symlink that leaves the artifact,
    /// dangles or loops, a FIFO, device, socket or other special file, or a file name with a control character.
    /// </exception>
    public static ScannedArtifact Scan(string artifactDirectory)
    {
        if (string.IsNullOrWhiteSpace(artifactDirectory))
        {
            throw new RegistryException("No artifact directory was given; pass --artifact=<dir>, the directory your training job exported (the one holding saved_model.pb).");
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(artifactDirectory));
        var realRoot = ResolveRoot(root);
        var scan = new ScanState(root, realRoot);
        scan.Ancestors.Add(realRoot);
        Walk(scan, realRoot, relativePrefix: string.Empty);

        if (scan.Files.Count == 0)
        {
            throw new RegistryException(
                $"The artifact directory '{root}' holds no files (it is empty or has only empty directories); point --artifact at the exported model, or wait until the training job has finished writing it.");
        }

        scan.Files.Sort((a, b) => string.CompareOrdinal(a.Entry.Path, b.Entry.Path));
        return new ScannedArtifact(root, VersionManifest.FromEntries(scan.Files.Select(f => f.Entry)), scan.Files);
    }

    private static string ResolveRoot(string root)
    {
        if (Posix.KindOf(root) == FileKind.Missing)
        {
            throw new RegistryException(
                $"The artifact directory '{root}' does not exist; pass --artifact the directory your training job exported (the one holding saved_model.pb).");
        }

        var realRoot = Resolve(root, out var loop);
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
                $"The artifact '{root}' is a {Describe(kind)}, not a directory; pass --artifact the directory that holds the model."),
        };
    }

    private static void Walk(ScanState scan, string directory, string relativePrefix)
    {
        var options = new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = false, IgnoreInaccessible = false };
        var names = Directory.EnumerateFileSystemEntries(directory, "*", options)
            .Select(entry => Path.GetFileName(entry))
            .Order(StringComparer.Ordinal)
            .ToList();

        foreach (var name in names)
        {
            var relative = relativePrefix + name;
            RefuseUnrepresentableName(relative);

            var path = Path.Join(directory, name);
            var kind = Posix.KindOf(path);
            var viaLink = string.Empty;
            if (kind == FileKind.Symlink)
            {
                path = ResolveInside(scan, path, relative);
                kind = Posix.KindOf(path);
                viaLink = "a symlink to ";
            }

            switch (kind)
            {
                case FileKind.Regular:
                    scan.Files.Add(new ScannedFile(Hash(relative, path, scan.Buffer), path));
                    break;

                case FileKind.Directory:
                    if (scan.Ancestors.Contains(path))
                    {
                        throw new RegistryException(
                            $"The artifact holds '{relative}', a symlink to its own ancestor directory '{RelativeToRoot(scan, path)}', so it would repeat forever; remove the link (or point it at a directory that does not contain it) and push again.");
                    }

                    scan.Ancestors.Add(path);
                    Walk(scan, path, relative + "/");
                    scan.Ancestors.Remove(path);
                    break;

                case FileKind.Missing:
                    throw new RegistryException(
                        $"'{relative}' disappeared from the artifact '{scan.Root}' while it was being scanned; re-run the push when the training job has finished writing it.");

                default:
                    throw new RegistryException(
                        $"The artifact holds '{relative}', which is {viaLink}a {Describe(kind)}, not a regular file or directory; a model version must be plain files: remove it from the artifact (or write its data to a regular file) and push again.");
            }
        }
    }

    /// <summary>Resolves a symlink found in the artifact, refusing one that dangles, loops or leaves the artifact.</summary>
    private static string ResolveInside(ScanState scan, string link, string relative)
    {
        var text = new FileInfo(link).LinkTarget ?? string.Empty;
        var real = Resolve(link, out var loop);
        if (loop)
        {
            throw new RegistryException(
                $"The artifact holds '{relative}', a symlink to '{text}' that never resolves (the links form a loop); remove it or point it at a real file inside the artifact, and push again.");
        }

        if (real is null)
        {
            throw new RegistryException(
                $"The artifact holds '{relative}', a dangling symlink to '{text}', which does not exist; remove the link or restore its target inside the artifact, and push again.");
        }

        if (!IsInside(real, scan.RealRoot))
        {
            throw new RegistryException(
                $"The artifact holds '{relative}', a symlink to '{text}', which resolves to '{real}', outside the artifact '{scan.Root}'; a version must be self-contained: copy that file or directory into the artifact instead of linking to it, and push again.");
        }

        return real;
    }

    /// <summary>
    /// realpath(3) in managed code, so a dangling link and a loop can be told apart and named in the message:
    /// every component is looked at without following it, and a link's text is spliced in front of the rest of the
    /// path. ".." after a resolved prefix is a plain parent step, because that prefix holds no symlinks any more.
    /// Returns null when a component is missing (or not a directory), with <paramref name="loop"/> set when the
    /// cause was too many links.
    /// </summary>
    private static string? Resolve(string fullPath, out bool loop)
    {
        loop = false;
        var resolved = Path.GetPathRoot(fullPath)!;
        var pending = new Stack<string>();
        PushComponents(pending, fullPath[resolved.Length..]);
        var links = 0;

        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? resolved;
                continue;
            }

            var candidate = Path.Join(resolved, part);
            var kind = Posix.KindOf(candidate);
            if (kind == FileKind.Missing)
            {
                return null;
            }

            var target = kind == FileKind.Symlink ? new FileInfo(candidate).LinkTarget : null;
            if (target is null)
            {
                if (kind != FileKind.Directory && pending.Any(p => p is not ("" or ".")))
                {
                    return null;
                }

                resolved = candidate;
                continue;
            }

            if (++links > MaxSymlinksPerLookup)
            {
                loop = true;
                return null;
            }

            if (Path.IsPathRooted(target))
            {
                var targetRoot = Path.GetPathRoot(target)!;
                resolved = Path.GetPathRoot(Path.GetFullPath(target))!;
                target = target[targetRoot.Length..];
            }

            PushComponents(pending, target);
        }

        return resolved;
    }

    private static void PushComponents(Stack<string> pending, string path)
    {
        var parts = path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }

    private static bool IsInside(string path, string root) =>
        path.Equals(root, PathComparison)
        || path.StartsWith(Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar, PathComparison);

    private static string RelativeToRoot(ScanState scan, string path)
    {
        var relative = Path.GetRelativePath(scan.RealRoot, path);
        return relative == "." ? "(the artifact root)" : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>
    /// The manifest is "path\tsize\tsha256\n" lines; a tab or newline in a name would forge a line, and other
    /// control characters would garble the terminal that shows the listing.
    /// </summary>
    private static void RefuseUnrepresentableName(string relative)
    {
        if (relative.Any(char.IsControl))
        {
            throw new RegistryException(
                $"The artifact holds '{Printable(relative)}', whose name contains a tab, newline or other control character that the version manifest cannot record; rename it (for example replace the character with '_') and push again.");
        }
    }

    private static ManifestEntry Hash(string relative, string path, byte[] buffer)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            size += read;
        }

        // The size is what was hashed, not what a directory listing said a moment earlier.
        return new ManifestEntry(relative, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Fifo => "named pipe (FIFO)",
        FileKind.CharacterDevice => "character device",
        FileKind.BlockDevice => "block device",
        FileKind.Socket => "socket",
        FileKind.Symlink => "symlink",
        _ => "special file",
    };

    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    /// <summary>The state of one scan, passed down the recursion.</summary>
    private sealed class ScanState(string root, string realRoot)
    {
        public string Root { get; } = root;

        public string RealRoot { get; } = realRoot;

        public List<ScannedFile> Files { get; } = [];

        /// <summary>Real paths of the directories being walked, to catch a directory link back to one of them.</summary>
        public HashSet<string> Ancestors { get; } = new(StringComparer.FromComparison(PathComparison));

        public byte[] Buffer { get; } = new byte[BufferSize];
    }
}
