namespace ModelRelease.Internal;

/// <summary>
/// One registry's side of <see cref="RootGuard"/>: the location check (made once: a registry's root and environment
/// never change), the pair check on reads and under the write lock, binding a new pair in its first change, and
/// telling the root's marker how far the store has come.
/// </summary>
internal sealed class RootPairing(ServingLayout layout, IMetadataStore store, RegistryOptions options)
{
    private bool _locationChecked;

    /// <summary>Refuses <c>/</c>, a home directory, the repository itself and a file as the root (see <see cref="RootGuard.RequireSafeLocation"/>).</summary>
    public void RequireSafeLocation()
    {
        if (!_locationChecked)
        {
            RootGuard.RequireSafeLocation(layout, options.Environment, store.Location);
            _locationChecked = true;
        }
    }

    /// <summary>A read of the store, after the root and the store were checked to belong together.</summary>
    public IMetadataReader OpenRead() => OpenChecked(out _);

    /// <summary>
    /// A read of the store, checked with <see cref="RootGuard.Check"/>. The marker's generation is read before the
    /// read's snapshot begins, so a job that commits and records a newer one meanwhile cannot make this store look
    /// older than the root. A root's first change writes its marker and files before its commit binds the store, so a
    /// read in that window sees a marked root with content and an unbound store: when that is what it sees, it asks
    /// again once the writer is done (after its lock), and refuses only then.
    /// </summary>
    /// <param name="isNew">True when the root and the store are both new (the first change binds them).</param>
    public IMetadataReader OpenChecked(out bool isNew)
    {
        RequireSafeLocation();
        var seen = SeenGeneration();
        var reader = store.Read();
        try
        {
            try
            {
                isNew = RootGuard.Check(layout, reader, store.Location, seen);
            }
            catch (RegistryException) when (reader.BoundRoot() is null && new FileInfo(store.Location) is { Exists: true, Length: > 0 } && File.Exists(layout.RootMarkerPath))
            {
                using var writer = store.Write();
                isNew = RootGuard.Check(layout, writer, store.Location);
            }

            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Checks the pair under the writer's lock and, for a new root and a new store, writes the root's marker
    /// (exclusively: another job making this root with another store, so another lock, loses here) and binds the store
    /// in the writer's transaction. Returns true when it wrote the marker, which <see cref="Unbind"/> then removes if
    /// the change fails.
    /// </summary>
    public bool BindIfNew(IMetadataWriter writer, DateTimeOffset now)
    {
        if (!RootGuard.Check(layout, writer, store.Location))
        {
            return false;
        }

        var id = RootMarker.NewId();
        if (!RootMarker.TryCreate(layout, id, now))
        {
            throw new RegistryException(
                $"Another job made {layout.Root} a serving root of another registry at the same moment; {store.Location} was not bound to it, and nothing was changed. " +
                "Run again with that job's --registry, or give this job a root of its own.");
        }

        writer.BindRoot(new RootBinding(id, RootGuard.RealPathOf(layout.Root), now));
        return true;
    }

    // A damaged marker is reported by the check itself, with its fix; here it only means nothing was seen.
    private long SeenGeneration()
    {
        try
        {
            return RootMarker.ReadState(layout)?.Generation ?? 0;
        }
        catch (RegistryException)
        {
            return 0;
        }
    }

    /// <summary>The store never recorded this root: the marker goes too, so a failed first change leaves no new root.</summary>
    public void Unbind()
    {
        FileTree.Delete(layout.RootMarkerPath);
        FileTree.DeleteEmptyDirectories(layout.StateDirectory);
    }

    /// <summary>
    /// Tells the root's marker how far the store has come, so a store older than the root (a restored backup, a stale
    /// copy) is refused instead of syncing the root back. After the commit, and best effort: a marker left behind the
    /// store is harmless.
    /// </summary>
    public void RecordGeneration(long generation)
    {
        try
        {
            RootMarker.RecordGeneration(layout, generation);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or RegistryException)
        {
            options.Warn($"Could not record the registry's generation {generation} in {layout.RootMarkerPath} ({error.Message}); the change itself is committed.");
        }
    }
}
