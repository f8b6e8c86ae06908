namespace ModelRelease.Internal;

/// <summary>
/// realpath(3) in managed code, shared by every walk that follows symlinks. .NET has none, and the walks need
/// more than a yes or no: a dangling link and a loop are told apart so that messages can name the cause, and
/// real paths are the only portable way to see a directory loop without inode numbers.
/// </summary>
internal static class RealPaths
{
    /// <summary>Linux gives up after 40 links in one lookup (ELOOP, MAXSYMLINKS); so do we.</summary>
    public const int MaxSymlinksPerLookup = 40;

    /// <summary>The absolute path with every symlink resolved, or null when a link loops or leads nowhere.</summary>
    /// <remarks>A relative <paramref name="path"/> is taken from the current directory.</remarks>
    public static string? Resolve(string path) => Resolve(path, out _);

    /// <summary>
    /// The absolute path with every symlink resolved, or null when a component is missing (or is not a directory
    /// but has more components after it), with <paramref name="loop"/> set when the cause was too many links.
    /// </summary>
    /// <remarks>
    /// Every component is looked at without following it, and a link's text is spliced in front of the rest of
    /// the path. ".." after a resolved prefix is a plain parent step, because that prefix holds no symlinks any
    /// more: "d/../z" with d -> x/y is x/z, as the kernel resolves it.
    /// </remarks>
    /// <exception cref="IOException">A component could not be inspected (for example, permission denied).</exception>
    public static string? Resolve(string path, out bool loop)
    {
        loop = false;
        // Path.GetFullPath drops "d/.." by name, which is wrong when d is a link, so it only fills in what it alone
        // knows: the current directory of a drive, for Windows' "\x" and "C:x".
        var full = Path.IsPathFullyQualified(path) ? path
            : Path.IsPathRooted(path) ? Path.GetFullPath(path)
            : Path.Join(Environment.CurrentDirectory, path);
        var resolved = Path.GetPathRoot(full)!;
        var pending = new Stack<string>();
        PushComponents(pending, full[resolved.Length..]);
        var links = 0;

        while (pending.TryPop(out var part))
        {
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

            // An absolute target restarts from its root (GetFullPath gives "\x" on Windows its drive); a relative
            // one is read from the link's own directory, which is where resolution already stands.
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
}
