using System.Buffers;
using System.Security.Cryptography;

namespace ModelRelease.Internal;

/// <summary>
/// Lists every file of a dataset with its size and SHA-256, for a fingerprint when DVC has no record of it.
/// Symbolic links are followed, because DVC checks data out as links into its cache and the content is what
/// counts. A link that leads back into a directory being walked, or that cannot be resolved, is refused rather
/// than skipped: skipping would fingerprint less than the dataset and nobody would notice.
/// </summary>
internal sealed class DatasetWalker
{
    /// <summary>Linux's limit on links followed while resolving one path (MAXSYMLINKS).</summary>
    private const int MaxLinkHops = 40;

    private static readonly EnumerationOptions AllEntries = new()
    {
        // The defaults skip hidden files, which on Unix means every dotfile: those are data too.
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        MatchType = MatchType.Simple,
    };

    private readonly string _displayName;
    private readonly List<ManifestEntry> _entries = [];

    /// <summary>Real paths of the directories from the root down to the one being listed.</summary>
    private readonly HashSet<string> _ancestors = new(FullPaths.Comparer);

    private string _rootReal = string.Empty;

    private DatasetWalker(string displayName) => _displayName = displayName;

    /// <summary>
    /// The entries of the file or directory at <paramref name="dataset"/> (a normalized full path that exists).
    /// A directory's entries are relative to it, so the folder's own name and location do not count; a single
    /// file is one entry named after the file. Only a <c>.dvc</c> folder (DVC's metadata and cache) is left out.
    /// Empty directories add nothing, as in git.
    /// </summary>
    /// <param name="dataset">The dataset's full path.</param>
    /// <param name="displayName">How the user named it, for messages.</param>
    public static IReadOnlyList<ManifestEntry> Walk(string dataset, string displayName)
    {
        var walker = new DatasetWalker(displayName);
        if (Directory.Exists(dataset))
        {
            walker._rootReal = RealPath(dataset)
                ?? throw walker.Refuse(".", "is a symbolic link that cannot be resolved (a loop or a missing target); fix it");
            walker.AddDirectory(dataset, string.Empty, walker._rootReal);
        }
        else
        {
            walker.AddFile(dataset, Path.GetFileName(dataset));
        }

        return walker._entries;
    }

    /// <summary>
    /// True for a FIFO, device or socket, which must be refused: opening a FIFO blocks until a writer appears.
    /// .NET reports these as ordinary files, so this stays false until it is wired to the native file-type
    /// probe (lstat/stat) that <c>Internal/Posix.cs</c> will provide.
    /// </summary>
    internal static bool IsSpecialFile(string path) => false;

    /// <summary>
    /// The path with every link resolved, like realpath(3); null when a link loops or points nowhere. .NET has no
    /// realpath, and comparing real paths is the only portable way to see a directory loop without inode numbers.
    /// </summary>
    internal static string? RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        var pending = new Stack<string>(Segments(full[current.Length..]).Reverse());
        var hops = 0;
        while (pending.TryPop(out var segment))
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Join(current, segment);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                return null;
            }

            // The link's text takes the place of its own name, read from the link's directory, or from the root
            // when it is absolute.
            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            foreach (var part in Segments(target).Reverse())
            {
                pending.Push(part);
            }
        }

        return Directory.Exists(current) || File.Exists(current) ? current : null;
    }

    private static IEnumerable<string> Segments(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);

    private void AddDirectory(string directory, string relative, string real)
    {
        _ancestors.Add(real);
        string[] children;
        try
        {
            children = Directory.GetFileSystemEntries(directory, "*", AllEntries);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Refuse(relative.Length == 0 ? "." : relative, $"could not be listed ({exception.Message.TrimEnd('.')}); make it readable", exception);
        }

        // Sorted so that, of several problems, the same one is reported every time.
        Array.Sort(children, StringComparer.Ordinal);
        foreach (var child in children)
        {
            var name = Path.GetFileName(child);
            var childRelative = relative.Length == 0 ? name : relative + "/" + name;
            if (name.Any(char.IsControl))
            {
                // The manifest is one "path\tsize\tsha256" line per file; a tab or newline in a name could make
                // two different datasets print the same listing.
                throw Refuse(Printable(childRelative), "has a control character in its name; rename it");
            }

            // File.Exists answers true for a dangling link on Unix, so a link's target is checked on its own.
            string? childReal = null;
            if (new FileInfo(child).LinkTarget is not null && (childReal = RealPath(child)) is null)
            {
                throw Refuse(childRelative, "is a symbolic link that cannot be resolved (a loop or a missing target); fix or remove it");
            }

            if (Directory.Exists(child))
            {
                AddChildDirectory(child, childRelative, childReal ?? Path.Join(real, name), name);
            }
            else if (File.Exists(child))
            {
                AddFile(child, childRelative);
            }
            else
            {
                throw Refuse(childRelative, "disappeared while the dataset was read; try again when nothing is writing to it");
            }
        }

        _ancestors.Remove(real);
    }

    private void AddChildDirectory(string child, string relative, string real, string name)
    {
        if (name == ".dvc")
        {
            return;
        }

        if (_ancestors.Contains(real))
        {
            var into = FullPaths.Comparer.Equals(real, _rootReal) ? "the dataset root" : $"'{real}'";
            throw Refuse(relative, $"is a symbolic link loop: it leads back into {into}, which contains it; remove the link");
        }

        AddDirectory(child, relative, real);
    }

    private void AddFile(string path, string relative)
    {
        if (IsSpecialFile(path))
        {
            throw Refuse(relative, "is not a regular file (a FIFO, device or socket); remove it");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

            // The size is what was hashed, not what the directory said, so the two agree even if the file changes.
            long size = 0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                size += read;
            }

            _entries.Add(new ManifestEntry(relative, size, Convert.ToHexStringLower(hash.GetHashAndReset())));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Refuse(relative, $"could not be read ({exception.Message.TrimEnd('.')}); make it readable", exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private RegistryException Refuse(string relative, string problem, Exception? inner = null)
    {
        var message = $"dataset '{_displayName}': '{relative}' {problem}, or pass --dataset-version=<version>.";
        return inner is null ? new RegistryException(message) : new RegistryException(message, inner);
    }

    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
