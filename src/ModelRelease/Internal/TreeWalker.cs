namespace ModelRelease.Internal;

/// <summary>
/// The one directory walk behind the artifact scan and the dataset fingerprint: names in ordinal order, symlinks
/// followed as the rules allow, and anything that would make the result wrong or the walk hang refused rather
/// than skipped. Skipping would record less than is there, and nobody would notice. It only reads.
/// </summary>
internal static class TreeWalker
{
    private static readonly EnumerationOptions AllEntries = new()
    {
        // The defaults skip hidden files, which on Unix means every dotfile: those are content too.
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        MatchType = MatchType.Simple,
    };

    /// <summary>
    /// The files (and, if the rules say so, empty directories) below <paramref name="realRoot"/>, lazily, so a
    /// caller can hash each file as soon as it has been checked. Each directory's names come in ordinal order;
    /// callers that need one order for the whole tree sort the paths.
    /// </summary>
    /// <param name="realRoot">A directory's full path with every symlink already resolved.</param>
    /// <param name="rules">What to follow, skip and report, and how to refuse.</param>
    /// <remarks>A problem is thrown, as whatever <see cref="TreeWalkRules.Refuse"/> makes of it, when the enumeration reaches it.</remarks>
    public static IEnumerable<TreeEntry> Walk(string realRoot, TreeWalkRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var walk = new WalkState(realRoot, rules);
        walk.Ancestors.Add(realRoot);
        return WalkDirectory(walk, realRoot, relativePrefix: string.Empty);
    }

    private static IEnumerable<TreeEntry> WalkDirectory(WalkState walk, string directory, string relativePrefix)
    {
        var names = SortedNames(walk, directory, relativePrefix);
        if (names.Count == 0 && relativePrefix.Length > 0 && walk.Rules.ReportsEmptyDirectories)
        {
            yield return new TreeEntry(relativePrefix, directory);
        }

        foreach (var name in names)
        {
            var relative = relativePrefix + name;
            if (name.Any(char.IsControl))
            {
                // A manifest is "path\tsize\tsha256\n" lines; a tab or newline in a name could forge a line.
                throw walk.Rules.Refuse(new TreeWalkRefusal(TreeWalkProblem.ControlCharacter, DisplayText.Escape(relative)));
            }

            var path = Path.Join(directory, name);
            var kind = Posix.KindOf(path);
            var viaLink = kind == FileKind.Symlink;
            if (viaLink)
            {
                path = Follow(walk, path, relative);
                kind = Posix.KindOf(path);
            }

            if (kind == FileKind.Regular)
            {
                yield return new TreeEntry(relative, path);
            }
            else if (kind == FileKind.Directory)
            {
                if (name == walk.Rules.SkippedDirectoryName)
                {
                    continue;
                }

                if (!walk.Ancestors.Add(path))
                {
                    throw walk.Rules.Refuse(new TreeWalkRefusal(TreeWalkProblem.LoopsBack, relative) { RealPath = path });
                }

                foreach (var entry in WalkDirectory(walk, path, relative + "/"))
                {
                    yield return entry;
                }

                walk.Ancestors.Remove(path);
            }
            else
            {
                // Checked before anything is opened: opening a FIFO blocks until a writer appears, maybe forever.
                throw walk.Rules.Refuse(kind == FileKind.Missing
                    ? new TreeWalkRefusal(TreeWalkProblem.Vanished, relative)
                    : new TreeWalkRefusal(TreeWalkProblem.NotPlain, relative) { Kind = kind, ViaLink = viaLink });
            }
        }
    }

    private static List<string> SortedNames(WalkState walk, string directory, string relativePrefix)
    {
        try
        {
            // Sorted so that the walk, and the first of several problems it meets, are the same every time.
            return Directory.EnumerateFileSystemEntries(directory, "*", AllEntries)
                .Select(entry => Path.GetFileName(entry))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw walk.Rules.Refuse(new TreeWalkRefusal(TreeWalkProblem.Unlistable, relativePrefix.TrimEnd('/')) { Cause = e });
        }
    }

    /// <summary>Where a symlink really leads, refusing one that dangles, loops or leaves the root when it may not.</summary>
    private static string Follow(WalkState walk, string link, string relative)
    {
        var real = RealPaths.Resolve(link, out var loop);
        if (real is null)
        {
            var problem = loop ? TreeWalkProblem.LinkLoop : TreeWalkProblem.DanglingLink;
            throw walk.Rules.Refuse(new TreeWalkRefusal(problem, relative) { LinkText = LinkText(link) });
        }

        if (!walk.Rules.LinksMayLeaveRoot && !FullPaths.IsInside(real, walk.RealRoot))
        {
            throw walk.Rules.Refuse(new TreeWalkRefusal(TreeWalkProblem.LinkLeavesRoot, relative) { LinkText = LinkText(link), RealPath = real });
        }

        return real;
    }

    private static string LinkText(string link) => new FileInfo(link).LinkTarget ?? string.Empty;

    /// <summary>The state of one walk, passed down the recursion.</summary>
    private sealed class WalkState(string realRoot, TreeWalkRules rules)
    {
        public string RealRoot { get; } = realRoot;

        public TreeWalkRules Rules { get; } = rules;

        /// <summary>Real paths of the directories from the root down to the one being listed, to catch a link back to one of them.</summary>
        public HashSet<string> Ancestors { get; } = new(FullPaths.Comparer);
    }
}
