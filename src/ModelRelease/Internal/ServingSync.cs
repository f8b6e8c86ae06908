namespace ModelRelease.Internal;

/// <summary>
/// Makes the serving directory say what the store says, for every model: a numeric link per unpruned version, a
/// link per label, no copy or link the store does not know, and models.config and routing.json rendered from the
/// labels. It runs inside the write transaction, so no other writer can interleave, and it is idempotent, so the
/// next change after a crash finishes or undoes whatever the crash left half done, on any model.
/// </summary>
internal sealed class ServingSync(ServingLayout layout, ServingLinks links, string basePath, Action<string> warn)
{
    /// <param name="store">The state to make the serving directory say.</param>
    /// <param name="spare">
    /// Version directories to leave in place although the store no longer has them live: a prune marks its versions
    /// pruned inside the transaction but must not lose their files before it commits, or a rollback would leave live
    /// rows without files. It deletes them itself once the commit is durable.
    /// </param>
    public void Apply(IMetadataReader store, IReadOnlySet<string>? spare = null)
    {
        var known = store.Models();
        foreach (var model in known.Union(ModelDirectoriesOnDisk(), StringComparer.Ordinal))
        {
            var versions = store.Versions(model);
            SyncVersionCopies(model, versions, spare);
            SyncNumbers(model, versions);
            SyncLabels(model, store.Labels(model));
            if (versions.Count == 0)
            {
                FileTree.DeleteEmptyDirectories(layout.VersionsDirectory(model), layout.ServingDirectory(model), layout.ModelDirectory(model));
            }
        }

        RemoveTemporaryFiles(layout.Root);
        var labels = store.Labels(model: null);

        // The configs exist exactly when the registry holds a version, so a failed first push leaves none behind.
        if (known.Count > 0)
        {
            AtomicFile.WriteAllTextIfChanged(layout.ModelsConfigPath, ServingConfig.ModelsConfig(labels, basePath, ServingConfig.FormatsIn(store), warn));
            AtomicFile.WriteAllTextIfChanged(layout.RoutingPath, ServingConfig.Routing(labels));
        }
        else
        {
            foreach (var config in new[] { layout.ModelsConfigPath, layout.RoutingPath }.Where(File.Exists))
            {
                File.Delete(config);
            }
        }
    }

    /// <summary>Model directories the store may not know: what a killed first push of a new model left behind.</summary>
    private IEnumerable<string> ModelDirectoriesOnDisk()
    {
        if (!Directory.Exists(layout.Root))
        {
            return [];
        }

        return new DirectoryInfo(layout.Root).EnumerateDirectories()
            .Where(d => d.LinkTarget is null && Names.ModelProblem(d.Name) is null)
            .Where(d => Directory.Exists(Path.Combine(d.FullName, ServingLayout.VersionsDirectoryName))
                || Directory.Exists(Path.Combine(d.FullName, ServingLayout.ServingDirectoryName)))
            .Select(d => d.Name);
    }

    /// <summary>A copy with no live version row is either a push that crashed before commit or a prune that crashed mid-delete.</summary>
    private void SyncVersionCopies(string model, IReadOnlyList<ModelVersion> versions, IReadOnlySet<string>? spare)
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
                // Copies are made outside the lock, so one may belong to a push that is still copying.
                if (IncomingCopies.IsAbandoned(entry))
                {
                    warn($"Removing {entry.FullName}: the push that was copying it has stopped (its process is gone, or it is a day old).");
                    FileTree.Delete(entry.FullName);
                }
            }
            else if (!live.Contains(entry.Name) && spare?.Contains(entry.FullName) != true)
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
            Directories.Create(directory);
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

    /// <summary>Removes links the store does not know, and temporary links a dead writer left; <paramref name="keep"/> protects names that are not ours.</summary>
    private void RemoveUnwanted(string directory, Func<string, bool> keep)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        RemoveTemporaryFiles(directory);
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (!keep(entry.Name) && IsLink(entry.FullName))
            {
                links.Remove(entry.FullName);
            }
        }
    }

    /// <summary>Temporary links and config files are only made under the write lock this sync holds, so any found now belongs to a dead process.</summary>
    private static void RemoveTemporaryFiles(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos().Where(e => TempName.IsTemporary(e.Name) && e is not DirectoryInfo { LinkTarget: null }))
        {
            entry.Delete();
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
