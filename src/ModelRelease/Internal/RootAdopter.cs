namespace ModelRelease.Internal;

/// <summary>
/// Binds an existing serving root and a store that does not record a root yet: a root made by an older ModelRelease,
/// or a root whose store was moved (to a new file, later to PostgreSQL). It writes the root's marker if missing and
/// the id into the store, and nothing else: it deletes, moves and syncs nothing. It refuses a store of another root,
/// and an empty store for a root that holds versions (every version would then be unknown to it).
/// </summary>
internal sealed class RootAdopter(ModelRegistry registry)
{
    public AdoptResult Plan()
    {
        RootGuard.RequireSafeLocation(registry.Layout, registry.Options.Environment);
        using var reader = registry.Store.Read();
        return Decide(reader);
    }

    public AdoptResult Adopt()
    {
        RootGuard.RequireSafeLocation(registry.Layout, registry.Options.Environment);
        using var writer = registry.Store.Write();
        var result = Decide(writer);
        if (result.WroteMarker)
        {
            RootMarker.Write(registry.Layout, result.RootId, registry.Now());
        }

        if (result.BoundStore)
        {
            writer.BindRoot(new RootBinding(result.RootId, registry.Layout.Root, registry.Now()));
        }

        writer.Commit();
        return result;
    }

    private AdoptResult Decide(IMetadataReader store)
    {
        var layout = registry.Layout;
        var marker = RootMarker.Read(layout);
        var bound = store.BoundRoot();
        if (bound is not null && bound.RootId != marker)
        {
            throw new RegistryException(
                $"The registry {registry.Store.Location} already belongs to the serving root {bound.RootPath} (id {bound.RootId}); Adopt never rebinds a store to another root. " +
                $"Give {layout.Root} a store of its own: --registry=<new path>, then Adopt. Nothing was changed.");
        }

        var onDisk = VersionDirectories(layout).ToList();
        if (bound is null && store.Models().Count == 0 && onDisk.Count > 0)
        {
            throw new RegistryException(
                $"The registry {registry.Store.Location} is empty, but {layout.Root} holds {onDisk.Count} version director{(onDisk.Count == 1 ? "y" : "ies")} ({string.Join(", ", onDisk.Take(3).Select(layout.Relative))}{(onDisk.Count > 3 ? ", …" : "")}); " +
                "adopting it would leave every one of them unknown to the registry. Point --registry at the store that records them (copy or migrate it first). Nothing was changed.");
        }

        var unknown = onDisk.Where(path =>
        {
            var parts = layout.Relative(path).Split('/');
            return store.FindVersion(parts[0], parts[2]) is not { IsPruned: false };
        }).ToList();
        return new AdoptResult(marker ?? bound?.RootId ?? RootMarker.NewId(), WroteMarker: marker is null, BoundStore: bound is null, unknown);
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
