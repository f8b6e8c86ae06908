namespace ModelRelease.Internal;

/// <summary>
/// Decides whether a serving root and a metadata store belong together before anything reads the root as the
/// store's: a store syncs the serving directory to itself, so the wrong pair would treat every model as a leftover.
/// A root and its store share an id (the root's marker, the store's registry_root row); anything else is refused
/// with both paths named, and nothing is touched.
/// </summary>
internal static class RootGuard
{
    /// <summary>Refuses a root that can never be a serving root: <c>/</c>, a home directory, the repository itself, a file.</summary>
    public static void RequireSafeLocation(ServingLayout layout, RunEnvironment environment, string storeLocation)
    {
        var untouched = $" Nothing was changed, in it or in the registry {storeLocation}.";
        var root = layout.Root;
        var real = RealPathOf(root);
        if (real == Path.GetPathRoot(real))
        {
            throw new RegistryException($"The serving root {root} is the filesystem root. Point --root (or ${"MODELRELEASE_ROOT"}) at a directory of its own, e.g. ./serving_model or /srv/models." + untouched);
        }

        foreach (var home in new[] { environment.Variable("HOME"), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) })
        {
            if (!string.IsNullOrWhiteSpace(home) && Path.IsPathFullyQualified(home) && real == RealPathOf(home))
            {
                throw new RegistryException($"The serving root {root} is a home directory. Point --root at a directory of its own inside it, e.g. {Path.Combine(home, "serving_model")}." + untouched);
            }
        }

        if (RepositoryTop(environment.WorkingDirectory) is { } repository && real == RealPathOf(repository))
        {
            throw new RegistryException($"The serving root {root} is the repository {repository} itself. Point --root at a directory inside it, e.g. {Path.Combine(repository, "serving_model")} (the default)." + untouched);
        }

        var kind = Posix.KindOf(real);
        if (kind is not (FileKind.Missing or FileKind.Directory))
        {
            throw new RegistryException($"The serving root {root} is a {FileKindNames.Describe(kind)}, not a directory. Point --root at a directory." + untouched);
        }
    }

    /// <summary>Refuses an artifact inside the root or a root inside the artifact: a push would copy the registry into itself.</summary>
    public static void RequireSeparate(ServingLayout layout, string artifact)
    {
        var root = RealPathOf(layout.Root);
        var source = RealPathOf(Path.GetFullPath(artifact));
        if (IsSameOrInside(source, root))
        {
            throw new RegistryException($"The artifact {artifact} is inside the serving root {layout.Root}. Pass the directory your training job exported, outside the root (a pushed version is already in the registry: use its name).");
        }

        if (IsSameOrInside(root, source))
        {
            throw new RegistryException($"The serving root {layout.Root} is inside the artifact {artifact}, so a push would copy the registry into itself. Keep the serving root outside the exported model directory.");
        }
    }

    /// <summary>
    /// Accepts the pair when the store records the root's id and place and is not older than the root, or when both
    /// are new. Refuses, naming both paths and the fix, everything else.
    /// </summary>
    /// <returns>True when the root and the store are both new: the first change writes the marker and binds the store.</returns>
    /// <param name="layout">The root.</param>
    /// <param name="store">The store, read under its writer's lock or in a read's snapshot.</param>
    /// <param name="storeLocation">Where the store is, for the messages.</param>
    /// <param name="seenGeneration">
    /// For a read: the generation the root's marker recorded before the read's snapshot began. Another job may commit
    /// and record a newer one after the snapshot began; compared with the snapshot, that would make a current store
    /// look stale. Null under the writer's lock, where the store is as new as anything the marker can record.
    /// </param>
    public static bool Check(ServingLayout layout, IMetadataReader store, string storeLocation, long? seenGeneration = null)
    {
        var state = RootMarker.ReadState(layout);
        var marker = state?.Id;
        var bound = store.BoundRoot();
        if (bound is not null)
        {
            if (marker == bound.RootId && IsSamePlace(bound.RootPath, layout.Root))
            {
                var seen = seenGeneration ?? state!.Generation;
                return seen <= bound.Generation
                    ? false
                    : throw new RegistryException(
                        $"The registry {storeLocation} is older than the serving root {layout.Root}: the root has seen its store's change {seen}, this store only change {bound.Generation} " +
                        $"(a restored backup, or a stale copy of the store). Syncing it would undo what the root holds. Point --registry at the root's current store; " +
                        $"to go back to this store on purpose, run ./build.sh -t Adopt --root={layout.Root} --registry={storeLocation} (refused while the root holds versions it does not know). Nothing was changed.");
            }

            if (marker == bound.RootId)
            {
                // Same id, another place: a copy of the store's root (cp -a, a restored backup), or that root moved
                // here. Either way this store describes the other directory, and syncing it here would move or delete
                // what this root holds.
                throw new RegistryException(
                    $"The registry {storeLocation} belongs to the serving root at {bound.RootPath}, but {layout.Root} is another directory with the same root id {marker} (a copy of it, or it moved here). " +
                    $"Point --root at {bound.RootPath}; or, if this directory is a copy or the root moved, make it a root of its own with its own store: ./build.sh -t Adopt --root={layout.Root} --registry=<its store>. Nothing was changed.");
            }

            if (marker is null && IsSamePlace(bound.RootPath, layout.Root) && Directory.Exists(layout.Root))
            {
                throw new RegistryException(
                    $"The root marker {layout.RootMarkerPath} is missing, though the registry {storeLocation} records this root (id {bound.RootId}). " +
                    $"Restore it from the store with: ./build.sh -t Adopt --root={layout.Root} --registry={storeLocation}. Nothing was changed.");
            }

            throw new RegistryException(marker is null
                ? $"The registry {storeLocation} belongs to the serving root {bound.RootPath} (id {bound.RootId}), but {layout.Root} is {(Contents(layout, storeLocation).Count == 0 ? "a new, empty directory" : "not a ModelRelease root (it has no .modelrelease/root.json)")}. " +
                  $"Point --root at {bound.RootPath}, or give this root a new store with --registry=<new path>. Nothing was changed."
                : $"The registry {storeLocation} belongs to another serving root, {bound.RootPath} (id {bound.RootId}), not to {layout.Root} (id {marker}). " +
                  $"Point --registry at the store of {layout.Root} (by default {layout.DefaultRegistryPath}), or --root at {bound.RootPath}. Nothing was changed.");
        }

        if (store.Models().Count > 0)
        {
            throw new RegistryException(
                $"The registry {storeLocation} holds versions but records no serving root (an older ModelRelease wrote it, or it was copied), so it cannot be trusted with {layout.Root}. " +
                $"If it is this root's store, bind them once with: ./build.sh -t Adopt --root={layout.Root} --registry={storeLocation}. Nothing was changed.");
        }

        if (marker is not null)
        {
            // A marked root whose store does not record it: a mistyped store, another job's new root bound to another
            // store, or a first release killed before its commit. Only Adopt binds a store to an existing marker.
            throw new RegistryException(
                $"The registry {storeLocation} is {(File.Exists(storeLocation) ? "empty" : "new (no such file)")}, but {layout.Root} is a ModelRelease serving root (id {marker}) bound to another store. " +
                $"Is --registry or ${"MODELRELEASE_REGISTRY"} mistyped? Point it at this root's store (by default {layout.DefaultRegistryPath}). " +
                $"If the root's first release was interrupted, or to move the root to this store on purpose, run: ./build.sh -t Adopt --root={layout.Root} --registry={storeLocation}. Nothing was changed.");
        }

        var contents = Contents(layout, storeLocation);
        if (contents.Count == 0)
        {
            return true;
        }

        var sample = string.Join(", ", contents.Take(3)) + (contents.Count > 3 ? ", …" : "");
        throw new RegistryException(
              $"{layout.Root} is not a ModelRelease serving root: it holds {sample} and no .modelrelease/root.json. " +
              "Point --root at your serving root, or at a new or empty directory for a new one; to take over a serving root an older ModelRelease made, " +
              $"run: ./build.sh -t Adopt --root={layout.Root} --registry={storeLocation}. Nothing was changed.");
    }

    /// <summary>
    /// What the root holds besides its own state directory, the store's files, and the copies of pushes still running
    /// (a first push copies before it binds the root, and so may a second job pushing at the same time).
    /// </summary>
    public static IReadOnlyList<string> Contents(ServingLayout layout, string storeLocation)
    {
        if (!Directory.Exists(layout.Root))
        {
            return [];
        }

        var store = Path.GetFullPath(storeLocation);
        IReadOnlyList<string> contents = [];
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var listed = new DirectoryInfo(layout.Root).EnumerateFileSystemInfos()
                .Where(entry => entry.Name != ServingLayout.StateDirectoryName)
                .Where(entry => !new[] { "", "-wal", "-shm", "-journal" }.Any(suffix => entry.FullName == store + suffix))
                .ToList();

            // Read after the listing: a push writes its entry before it creates its copy, so every copy listed is
            // named. A push that starts while a directory is walked below is seen by the next attempt.
            var running = new StepJournal(layout).Entries()
                .Where(e => e.Entry is { } entry && !StepJournal.IsAbandoned(entry, DateTimeOffset.UtcNow))
                .SelectMany(e => e.Entry!.Creates.Select(layout.Absolute))
                .ToList();
            contents = listed.Where(entry => !HoldsOnly(entry, running)).Select(entry => entry.Name).Order(StringComparer.Ordinal).ToList();
            if (contents.Count == 0)
            {
                break;
            }
        }

        return contents;
    }

    /// <summary>True when <paramref name="entry"/> is one of <paramref name="paths"/>, or a real directory holding nothing but their parents and them.</summary>
    private static bool HoldsOnly(FileSystemInfo entry, IReadOnlyList<string> paths)
    {
        if (paths.Contains(entry.FullName, StringComparer.Ordinal))
        {
            return true;
        }

        var prefix = entry.FullName + Path.DirectorySeparatorChar;
        return entry is DirectoryInfo { LinkTarget: null } directory
            && paths.Any(path => path.StartsWith(prefix, StringComparison.Ordinal))
            && directory.EnumerateFileSystemInfos().All(child => HoldsOnly(child, paths));
    }

    /// <summary>The top of the git working tree around <paramref name="directory"/>, or null outside one.</summary>
    private static string? RepositoryTop(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            if (Path.Exists(Path.Combine(current.FullName, ".git")))
            {
                return current.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// True when the two paths name one directory: the same root reached through a link, a trailing slash, or a
    /// (read-only) bind mount. A copy is another directory, whatever it holds.
    /// </summary>
    public static bool IsSamePlace(string recorded, string root) =>
        RealPathOf(recorded) == RealPathOf(root)
        || (Posix.IdentityOf(recorded) is { } identity && identity == Posix.IdentityOf(root));

    /// <summary>The real path of <paramref name="path"/>, or of its nearest existing ancestor with the rest appended.</summary>
    public static string RealPathOf(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var rest = new Stack<string>();
        for (var current = full; ; current = Path.GetDirectoryName(current)!)
        {
            if (RealPaths.Resolve(current) is { } real)
            {
                return Path.TrimEndingDirectorySeparator(rest.Aggregate(real, Path.Combine));
            }

            if (Path.GetDirectoryName(current) is null)
            {
                return full;
            }

            rest.Push(Path.GetFileName(current));
        }
    }

    private static bool IsSameOrInside(string path, string directory) =>
        path == directory || path.StartsWith(Path.TrimEndingDirectorySeparator(directory) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
