namespace ModelRelease.Internal;

/// <summary>
/// The phases of a label move against a live model server, run inside the change's transaction after the store
/// was changed and before the serving directory is synced and the change commits:
/// <list type="number">
/// <item>models.config keeps every label where it is and loads the incoming versions too; the server is polled until they are AVAILABLE;</item>
/// <item>models.config moves the labels (routing.json the traffic) while the outgoing versions stay loaded; the server is polled until it answers each moved label with its new version;</item>
/// <item>the sync writes the final config, which no longer lists the outgoing versions: they unload once traffic has left them.</item>
/// </list>
/// A refusal or timeout in phase 1 or 2 puts models.config and routing.json back byte for byte and throws, so the
/// transaction rolls back and nothing moved. A crash in between leaves the store unchanged and configs that only
/// load an extra version (phase 1) or point a label at a loaded version ahead of the store (phase 2): the next
/// change of any model renders both files from the store again, as it does after a crash during a sync.
/// </summary>
internal sealed class ServingGate(ServingLayout layout, ServingReadiness readiness, Func<IMetadataReader, string> basePath, Action<string> warn)
{
    /// <summary>
    /// Loads what the change of <paramref name="model"/> brings into service and moves its labels on the server,
    /// given the labels of every model <paramref name="before"/> the change and <paramref name="store"/> after it.
    /// </summary>
    public void Move(IMetadataReader store, IReadOnlyList<LabelAssignment> before, string model)
    {
        var after = store.Labels(model: null);
        var servedBefore = Served(before, model);
        var servedAfter = Served(after, model);
        var incoming = servedAfter.Where(a => servedBefore.All(b => b.Number != a.Number)).ToList();
        var moved = servedAfter.Where(a => !servedBefore.Any(b => b.Label == a.Label && b.Number == a.Number)).ToList();
        if (moved.Count == 0 && incoming.Count == 0)
        {
            // Only weights or labels the server does not load changed: the final config and routing are all there is.
            return;
        }

        var formats = ServingConfig.FormatsIn(store);
        var root = basePath(store);
        var original = Snapshot(layout.ModelsConfigPath, layout.RoutingPath);
        try
        {
            if (incoming.Count > 0)
            {
                AtomicFile.WriteAllTextIfChanged(layout.ModelsConfigPath, ServingConfig.ModelsConfig(before, root, formats, warn, preload: incoming));
                readiness.WaitUntilAvailable(model, incoming.Select(v => v.Number).Distinct().ToList());
            }

            var outgoing = servedBefore.Where(b => servedAfter.All(a => a.Number != b.Number)).ToList();
            AtomicFile.WriteAllTextIfChanged(layout.ModelsConfigPath, ServingConfig.ModelsConfig(after, root, formats, warn, preload: outgoing));
            AtomicFile.WriteAllTextIfChanged(layout.RoutingPath, ServingConfig.Routing(after));
            foreach (var label in moved)
            {
                readiness.WaitUntilLabelled(model, label.Label, label.Number);
            }
        }
        catch
        {
            Restore(original);
            throw;
        }
    }

    private static List<LabelAssignment> Served(IReadOnlyList<LabelAssignment> labels, string model) =>
        labels.Where(l => l.Model == model && l.Label is LabelNames.Stable or LabelNames.Canary).ToList();

    private static List<(string Path, byte[]? Bytes)> Snapshot(params string[] paths) =>
        paths.Select(path => (path, Posix.KindOf(path) == FileKind.Regular ? File.ReadAllBytes(path) : null)).ToList();

    private void Restore(List<(string Path, byte[]? Bytes)> original)
    {
        foreach (var (path, bytes) in original)
        {
            try
            {
                if (bytes is null)
                {
                    File.Delete(path);
                }
                else
                {
                    AtomicFile.WriteAllBytesIfChanged(path, bytes);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The refusal matters more; the next change renders the file from the store again.
                warn($"Could not put {path} back after a refused label move ({e.Message}); the next change or Verify --repair rewrites it from the registry.");
            }
        }
    }
}
