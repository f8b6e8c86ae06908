namespace ModelRelease.Internal;

/// <summary>
/// Makes the serving directory say what the store says: a numeric link per unpruned version, a link per label,
/// no link or copy the store does not know, and models.config and routing.json rendered from the labels. It runs
/// inside the write transaction, so no other writer can interleave, and it is idempotent, so running it again
/// after a crash finishes or undoes whatever the crash left half done.
/// </summary>
internal sealed class ServingSync(ServingLayout layout, ServingLinks links, string basePath, Action<string> warn)
{
    /// <summary>Temporary copies older than this belong to a push that died; younger ones may still be copying.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(24);

    public void Apply(IMetadataReader store, IEnumerable<string> models, DateTimeOffset now)
    {
        foreach (var model in models.Distinct())
        {
            var versions = store.Versions(model);
            SyncVersionCopies(model, versions, now);
            SyncNumbers(model, versions);
            SyncLabels(model, store.Labels(model));
        }

        var labels = store.Labels(model: null);
        AtomicFile.WriteAllTextIfChanged(layout.ModelsConfigPath, ServingConfig.ModelsConfig(labels, basePath));
        AtomicFile.WriteAllTextIfChanged(layout.RoutingPath, ServingConfig.Routing(labels));
    }

    /// <summary>A copy with no live version row is either a push that crashed before commit or a prune that crashed mid-delete.</summary>
    private void SyncVersionCopies(string model, IReadOnlyList<ModelVersion> versions, DateTimeOffset now)
    {
        var directory = layout.VersionsDirectory(model);
        if (!Directory.Exists(directory))
        {
            return;
        }

        var live = versions.Where(v => !v.IsPruned).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (entry.Name.StartsWith(ServingLayout.TemporaryPrefix, StringComparison.Ordinal))
            {
                if (now - entry.LastWriteTimeUtc > AbandonedAfter)
                {
                    warn($"Removing {entry.FullName}: a push left it more than {AbandonedAfter.TotalHours:0} hours ago and never finished.");
                    FileTree.Delete(entry.FullName);
                }
            }
            else if (!live.Contains(entry.Name))
            {
                warn($"Removing {entry.FullName}: the registry has no live version '{entry.Name}' (a push or prune was interrupted).");
                FileTree.Delete(entry.FullName);
            }
        }
    }

    private void SyncNumbers(string model, IReadOnlyList<ModelVersion> versions)
    {
        var directory = layout.ServingDirectory(model);
        var wanted = versions
            .Where(v => !v.IsPruned)
            .ToDictionary(v => Path.GetFileName(layout.ServingPath(model, v.Number)), v => ServingLayout.ServingTarget(v.Name), StringComparer.Ordinal);
        if (wanted.Count > 0)
        {
            Directory.CreateDirectory(directory);
        }

        foreach (var (name, target) in wanted)
        {
            PointIfDifferent(Path.Combine(directory, name), target);
        }

        RemoveUnwanted(directory, name => wanted.ContainsKey(name) || !long.TryParse(name, out _));
    }

    private void SyncLabels(string model, IReadOnlyList<LabelAssignment> labels)
    {
        var directory = layout.ModelDirectory(model);
        var wanted = labels.ToDictionary(l => l.Label, l => ServingLayout.LabelTarget(l.Version), StringComparer.Ordinal);
        foreach (var (label, target) in wanted)
        {
            PointIfDifferent(layout.LabelPath(model, label), target);
        }

        RemoveUnwanted(directory, name => wanted.ContainsKey(name) || LabelNames.Problem(name) is not null);
    }

    private void PointIfDifferent(string linkPath, string target)
    {
        if (links.TargetOf(linkPath) != target)
        {
            links.Point(linkPath, target);
        }
    }

    /// <summary>Removes links the store does not know; <paramref name="keep"/> also protects names that are not ours to manage.</summary>
    private void RemoveUnwanted(string directory, Func<string, bool> keep)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (!keep(entry.Name) && IsLink(entry.FullName))
            {
                links.Remove(entry.FullName);
            }
        }
    }

    /// <summary>A real file or directory someone put here is theirs, not a stale link of ours: leave it.</summary>
    private bool IsLink(string path)
    {
        try
        {
            return links.TargetOf(path) is not null;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
