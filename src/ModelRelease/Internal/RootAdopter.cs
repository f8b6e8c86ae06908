namespace ModelRelease.Internal;

/// <summary>
/// Binds an existing serving root and a store explicitly, where the automatic check refuses: a root made by an older
/// ModelRelease (the store records no root), a root whose store was moved, a lost or damaged marker, a root that moved
/// or a copy of a root (both get a new id, so the copy and the original can never take each other's store). It
/// writes the marker and the store's binding, and nothing else: it deletes, moves and syncs nothing. It refuses a
/// store that does not describe this root: one bound to another directory under another id, and one whose live
/// versions are not here. An empty store for a root that holds versions gets them registered from their files
/// (<see cref="RootImporter"/>). A store bound anew always gets a fresh id, so no two stores ever sync one root.
/// </summary>
internal sealed class RootAdopter(ModelRegistry registry)
{
    public AdoptResult Plan()
    {
        registry.Pairing.RequireSafeLocation();
        using var reader = registry.Store.Read();
        return Decided(reader);
    }

    /// <summary><see cref="Decide"/>, noting whether a damaged marker is set aside first.</summary>
    private AdoptResult Decided(IMetadataReader store)
    {
        var result = Decide(store);
        return result with { SetsAsideDamagedMarker = result.WroteMarker && ReadMarker(registry.Layout).Damaged };
    }

    public AdoptResult Adopt()
    {
        // Decided on a read first, so a refused Adopt does not even create the store file.
        Plan();
        using var writer = registry.Store.Write();
        var result = Decided(writer);
        if (result.WroteMarker)
        {
            if (result.SetsAsideDamagedMarker)
            {
                // A damaged marker is set aside, not deleted: it may tell someone what happened.
                Quarantine.Move(registry.Layout, registry.Layout.RootMarkerPath, registry.Now());
            }

            RootMarker.Write(registry.Layout, result.RootId, registry.Now(), result.BoundStore ? 0 : writer.BoundRoot()?.Generation ?? 0);
        }

        if (result.Import is { } import)
        {
            new RootImporter(registry).Register(writer, import.Versions, import.Labels);
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
        var (state, damaged) = ReadMarker(layout);
        var marker = state?.Id;
        var bound = store.BoundRoot();
        var onDisk = VersionDirectories(layout).ToList();
        var unknown = onDisk.Where(path =>
        {
            var parts = layout.Relative(path).Split('/');
            return store.FindVersion(parts[0], parts[2]) is not { IsPruned: false };
        }).ToList();

        // A store that is bound to another id, or none, takes this root under a fresh id: any other store bound to the
        // old id no longer matches it, so two stores can never both sync one root.
        var detached = marker is null ? "" : $"; the root's old id {marker} is replaced, so a store still bound to it is refused from now on (it is left as it is)";
        if (bound is not null)
        {
            var samePlace = RootGuard.IsSamePlace(bound.RootPath, layout.Root);
            var behind = state is not null && state.Generation > bound.Generation;
            if (samePlace && marker == bound.RootId && !behind)
            {
                return new AdoptResult(marker, false, false, unknown, [], "they already belong together");
            }

            if (samePlace)
            {
                RequireVersionsHere(store);
                if ((behind || (marker is not null && marker != bound.RootId)) && unknown.Count > 0)
                {
                    throw new RegistryException(
                        $"The registry {registry.Store.Location} does not know {unknown.Count} version director{(unknown.Count == 1 ? "y" : "ies")} of {layout.Root} ({string.Join(", ", unknown.Take(3).Select(layout.Relative))}{(unknown.Count > 3 ? ", …" : "")}), " +
                        "made since it was the root's store; going back to it would move them to the quarantine. Use the root's current store. Nothing was changed.");
                }

                return new AdoptResult(bound.RootId, true, false, unknown, [],
                    marker is null
                        ? damaged ? "the root's marker was damaged; it is rewritten from the store" : "the root's marker was lost; it is rewritten from the store"
                        : $"this store was the root's before; the root comes back to it{detached}");
            }

            if (marker == bound.RootId)
            {
                // A copy may take the store it was copied with, or the original's if the original is gone (a move);
                // never the store of an original that is still there, which would leave the original without one.
                var original = new ServingLayout(bound.RootPath);
                // A PostgreSQL store is never inside a root; its Location is connection settings, not a path to resolve.
                var storeIsInside = registry.Store is SqliteMetadataStore && RootGuard.RealPathOf(registry.Store.Location).StartsWith(RootGuard.RealPathOf(layout.Root) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
                if (!storeIsInside && Directory.Exists(original.Root) && ReadMarker(original).State?.Id == bound.RootId)
                {
                    throw new RegistryException(
                        $"The registry {registry.Store.Location} is the store of {bound.RootPath}, which is still there with the same id; {layout.Root} is a copy of it. " +
                        $"Give the copy the store it was copied with (--registry={Path.Combine(layout.Root, "registry.db")} if it has one) or a new one. Nothing was changed.");
                }

                RequireVersionsHere(store);
                return new AdoptResult(RootMarker.NewId(), true, true, unknown, [],
                    $"the store described {bound.RootPath}, of which this root is a copy (or which moved here); the root gets a new id, so the two can never take each other's store");
            }

            throw new RegistryException(
                $"The registry {registry.Store.Location} belongs to the serving root {bound.RootPath} (id {bound.RootId}), and {layout.Root} {(marker is null ? "has no marker" : $"has id {marker}")}; Adopt never moves a store between two different roots. " +
                $"Give {layout.Root} a store of its own (--registry=<new path>), or point --registry at its own store. Nothing was changed.");
        }

        if (store.Models().Count == 0)
        {
            var (versions, labels) = new RootImporter(registry).Read();
            var registered = versions.Select(v => $"{v.Model} {v.Name} (serving number {v.Number})")
                .Concat(labels.Select(l => $"{l.Label} of {l.Model} → {l.Version}{(l.Weight is { } weight ? $" at {weight}%" : "")}"))
                .ToList();
            return new AdoptResult(RootMarker.NewId(), true, true, unknown.Except(versions.Select(v => v.Directory)).ToList(), registered,
                versions.Count == 0
                    ? $"a new store for a root without versions{detached}"
                    : $"a new store for an existing root: its {versions.Count} version director{(versions.Count == 1 ? "y is" : "ies are")} registered from their files (provenance and metrics unknown, unvalidated){detached}")
            {
                Import = (versions, labels),
            };
        }

        RequireVersionsHere(store);
        return new AdoptResult(RootMarker.NewId(), true, true, unknown, [], $"the store records no root (an older ModelRelease wrote it, or it was copied without one){detached}");
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

    /// <summary>The root's marker, or whether it is damaged (Adopt exists to mend that, so it is not an error here).</summary>
    private static (RootMarker.State? State, bool Damaged) ReadMarker(ServingLayout layout)
    {
        try
        {
            return (RootMarker.ReadState(layout), false);
        }
        catch (RegistryException)
        {
            return (null, true);
        }
    }

    /// <summary>Every <c>&lt;model&gt;/versions/&lt;name&gt;</c> under the root that is not hidden.</summary>
    private static IEnumerable<string> VersionDirectories(ServingLayout layout) =>
        RootImporter.ModelDirectories(layout)
            .SelectMany(model => new DirectoryInfo(layout.VersionsDirectory(model)).EnumerateFileSystemInfos())
            .Where(e => !e.Name.StartsWith(ServingLayout.TemporaryPrefix, StringComparison.Ordinal))
            .Select(e => e.FullName)
            .Order(StringComparer.Ordinal);
}
