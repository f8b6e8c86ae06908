namespace ModelRelease.Internal;

/// <summary>
/// Binds an existing serving root and a store explicitly, where the automatic check refuses: a root made by an older
/// ModelRelease (the store records no root), a root whose store was moved, a lost or damaged marker, a root that moved
/// or a copy of a root (both get a new id, so the copy and the original can never take each other's store). It
/// writes the marker and the store's binding, and nothing else: it deletes, moves and syncs nothing. It refuses a
/// store that does not describe this root: one bound to another directory under another id, one whose live versions
/// are not here, and an empty store for a root that holds versions.
/// </summary>
internal sealed class RootAdopter(ModelRegistry registry)
{
    public AdoptResult Plan()
    {
        RootGuard.RequireSafeLocation(registry.Layout, registry.Options.Environment, registry.Store.Location);
        using var reader = registry.Store.Read();
        return Decide(reader);
    }

    public AdoptResult Adopt()
    {
        // Decided on a read first, so a refused Adopt does not even create the store file.
        Plan();
        using var writer = registry.Store.Write();
        var result = Decide(writer);
        if (result.WroteMarker)
        {
            if (Posix.KindOf(registry.Layout.RootMarkerPath) != FileKind.Missing && Damaged(registry.Layout))
            {
                // A damaged marker is set aside, not deleted: it may tell someone what happened.
                Quarantine.Move(registry.Layout, registry.Layout.RootMarkerPath, registry.Now());
            }

            RootMarker.Write(registry.Layout, result.RootId, registry.Now());
        }

        if (result.BoundStore)
        {
            writer.BindRoot(new RootBinding(result.RootId, RootGuard.RealPathOf(registry.Layout.Root), registry.Now()));
        }

        writer.Commit();
        return result;
    }

    private AdoptResult Decide(IMetadataReader store)
    {
        var layout = registry.Layout;
        var damaged = Damaged(layout);
        var marker = damaged ? null : RootMarker.Read(layout);
        var bound = store.BoundRoot();
        var onDisk = VersionDirectories(layout).ToList();
        var unknown = onDisk.Where(path =>
        {
            var parts = layout.Relative(path).Split('/');
            return store.FindVersion(parts[0], parts[2]) is not { IsPruned: false };
        }).ToList();

        if (bound is not null)
        {
            var samePlace = RootGuard.IsSamePlace(bound.RootPath, layout.Root);
            if (samePlace && marker == bound.RootId)
            {
                return new AdoptResult(marker, false, false, unknown, "they already belong together");
            }

            if (samePlace && marker is null)
            {
                RequireVersionsHere(store);
                return new AdoptResult(bound.RootId, true, false, unknown, damaged ? "the root's marker was damaged; it is rewritten from the store" : "the root's marker was lost; it is rewritten from the store");
            }

            if (!samePlace && marker == bound.RootId)
            {
                RequireVersionsHere(store);
                return new AdoptResult(RootMarker.NewId(), true, true, unknown,
                    $"the store described {bound.RootPath}, of which this root is a copy (or which moved here); the root gets a new id, so the two can never take each other's store");
            }

            throw new RegistryException(
                $"The registry {registry.Store.Location} belongs to the serving root {bound.RootPath} (id {bound.RootId}), and {layout.Root} {(marker is null ? "has no marker" : $"has id {marker}")}; Adopt never moves a store between two different roots. " +
                $"Give {layout.Root} a store of its own (--registry=<new path>), or point --registry at its own store. Nothing was changed.");
        }

        if (store.Models().Count == 0)
        {
            if (onDisk.Count > 0)
            {
                throw new RegistryException(
                    $"The registry {registry.Store.Location} is empty, but {layout.Root} holds {onDisk.Count} version director{(onDisk.Count == 1 ? "y" : "ies")} ({string.Join(", ", onDisk.Take(3).Select(layout.Relative))}{(onDisk.Count > 3 ? ", …" : "")}); " +
                    "adopting it would leave every one of them unknown to the registry. Point --registry at the store that records them (copy or migrate it first). Nothing was changed.");
            }

            return new AdoptResult(marker ?? RootMarker.NewId(), marker is null, true, unknown,
                marker is null ? "a new store for a root without versions" : "the root's first release was interrupted, or its store is new");
        }

        RequireVersionsHere(store);
        return new AdoptResult(marker ?? RootMarker.NewId(), marker is null, true, unknown, "the store records no root (an older ModelRelease wrote it, or it was copied without one)");
    }

    /// <summary>Refuses a store whose live versions are not in this root: it describes another root, and a sync would point links at nothing.</summary>
    private void RequireVersionsHere(IMetadataReader store)
    {
        var missing = store.Models()
            .SelectMany(model => store.Versions(model).Where(v => !v.IsPruned).Select(v => registry.Layout.VersionDirectory(model, v.Name)))
            .Where(path => Posix.KindOf(path) != FileKind.Directory)
            .ToList();
        if (missing.Count > 0)
        {
            throw new RegistryException(
                $"The registry {registry.Store.Location} records {missing.Count} live version{(missing.Count == 1 ? "" : "s")} that {(missing.Count == 1 ? "is" : "are")} not in {registry.Layout.Root} ({string.Join(", ", missing.Take(3).Select(registry.Layout.Relative))}{(missing.Count > 3 ? ", …" : "")}), " +
                "so it is not this root's store. Point --registry at the store of this root, or --root at the root of this store. Nothing was changed.");
        }
    }

    private static bool Damaged(ServingLayout layout)
    {
        try
        {
            RootMarker.Read(layout);
            return false;
        }
        catch (RegistryException)
        {
            return true;
        }
    }

    /// <summary>Every <c>&lt;model&gt;/versions/&lt;name&gt;</c> under the root that is not hidden.</summary>
    private static IEnumerable<string> VersionDirectories(ServingLayout layout)
    {
        if (!Directory.Exists(layout.Root))
        {
            return [];
        }

        return new DirectoryInfo(layout.Root).EnumerateDirectories()
            .Where(d => d.LinkTarget is null && Names.ModelProblem(d.Name) is null && Directory.Exists(Path.Combine(d.FullName, ServingLayout.VersionsDirectoryName)))
            .SelectMany(d => new DirectoryInfo(Path.Combine(d.FullName, ServingLayout.VersionsDirectoryName)).EnumerateFileSystemInfos())
            .Where(e => !e.Name.StartsWith(ServingLayout.TemporaryPrefix, StringComparison.Ordinal))
            .Select(e => e.FullName)
            .Order(StringComparer.Ordinal);
    }
}
