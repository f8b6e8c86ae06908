namespace ModelRelease.Internal;

/// <summary>
/// Makes the serving directory say what the store says, for every model: a numeric link per unpruned version, a
/// link per label, and models.config and routing.json rendered from the labels. It is a pure planner (<see cref="Plan"/>:
/// what a dry run and Verify show) and an executor of that plan (<see cref="Apply"/>, inside the write transaction,
/// so no other writer interleaves). It deletes a directory only when the journal entry of a step whose process is
/// gone names it; a directory the store does not know is moved to the quarantine, never deleted.
/// </summary>
internal sealed class ServingSync(ServingLayout layout, ServingLinks links, Func<IMetadataReader, string> basePath, Action<string> warn, Func<string, RouterOutputs?>? routers = null)
{
    private readonly StepJournal _journal = new(layout);

    /// <summary>
    /// What <see cref="Apply"/> would change now, read without changing anything. With <paramref name="model"/>, the
    /// plan of a change of that model: its own directories, the journal (steps of any model that a dead process left)
    /// and the configs, which are rendered from the labels; without, every model's (Sync, Verify, Repair).
    /// </summary>
    public IReadOnlyList<SyncAction> Plan(IMetadataReader store, DateTimeOffset now, string? model = null) => PlanScoped(store, now, model).Actions;

    /// <summary>Plans and carries out the plan (of <paramref name="model"/>'s change, or of every model), reporting every deletion and quarantine through the warning sink.</summary>
    public void Apply(IMetadataReader store, DateTimeOffset now, string? model = null)
    {
        var (actions, scope) = PlanScoped(store, now, model);
        foreach (var action in actions)
        {
            Execute(action, now);
        }

        foreach (var each in scope.Where(m => store.CountVersions(m).Total == 0))
        {
            FileTree.DeleteEmptyDirectories(layout.VersionsDirectory(each), layout.ServingDirectory(each), layout.ModelDirectory(each));
        }
    }

    /// <summary>The plan, and the models it covered (whose empty directories Apply removes once it is carried out).</summary>
    private (List<SyncAction> Actions, List<string> Scope) PlanScoped(IMetadataReader store, DateTimeOffset now, string? model)
    {
        var actions = new List<SyncAction>();
        var settled = new HashSet<string>(StringComparer.Ordinal);
        var interrupted = PlanJournal(store, now, actions, settled);

        var scope = ModelsInScope(store, model, interrupted).ToList();
        foreach (var each in scope)
        {
            // Live versions only: pruned ones have no files or links, and a model with years of history has
            // thousands of them. A directory of a pruned version is looked up by name when one is found.
            var live = store.Versions(each, VersionQuery.Live);
            PlanVersionCopies(store, each, live, settled, actions);
            PlanNumbers(each, live, actions);
            var own = store.Labels(each);
            PlanLabels(each, own, store.LabelsEverSet(each), actions);
            PlanRouters(store, each, own, actions);
        }

        PlanTemporaries(layout.Root, actions);
        foreach (var kind in RouterKindValues.All)
        {
            PlanTemporaries(layout.RouterDirectory(kind), actions);
        }

        var labels = store.Labels(model: null);

        // The configs exist exactly when the registry holds a version, so a failed first push leaves none behind.
        if (labels.Count > 0 || store.Models().Count > 0)
        {
            PlanConfig(layout.ModelsConfigPath, ServingConfig.ModelsConfig(labels, basePath(store), ServingConfig.FormatsIn(store), warn), actions);
            PlanConfig(layout.RoutingPath, ServingConfig.Routing(labels), actions);
        }
        else
        {
            actions.AddRange(new[] { layout.ModelsConfigPath, layout.RoutingPath }.Where(File.Exists)
                .Select(config => new SyncAction(SyncActionKind.DeleteConfig, config, "the registry holds no version")));
        }

        return (actions, scope);
    }

    /// <summary>
    /// The model a change touched and the models of steps a dead process left unfinished (their links may run ahead
    /// of the store); without a model, every model the store or the root has.
    /// </summary>
    private IEnumerable<string> ModelsInScope(IMetadataReader store, string? model, IReadOnlyCollection<string> interrupted) =>
        model is not null
            ? interrupted.Append(model).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            : store.Models().Union(ModelDirectoriesOnDisk(), StringComparer.Ordinal);

    private void Execute(SyncAction action, DateTimeOffset now)
    {
        if (action.Kind is SyncActionKind.DeleteLeftover or SyncActionKind.Quarantine or SyncActionKind.RemoveTemporary && Posix.KindOf(action.Path) == FileKind.Missing)
        {
            // Gone since the plan: a push that failed removes its own copy outside the lock.
            return;
        }

        switch (action.Kind)
        {
            case SyncActionKind.DeleteLeftover:
                warn($"Removing {action.Path}: {action.Why}.");
                FileTree.Delete(action.Path);
                break;
            case SyncActionKind.Quarantine:
                var destination = Quarantine.Move(layout, action.Path, now);
                warn($"Moved {action.Path} to {destination}: {action.Why}. Nothing was deleted: look at it, then delete it yourself or push it again.");
                break;
            case SyncActionKind.PointLink:
                Directories.Create(Path.GetDirectoryName(action.Path)!);
                links.Point(action.Path, action.Content!);
                break;
            case SyncActionKind.RemoveLink:
                links.Remove(action.Path);
                break;
            case SyncActionKind.RemoveTemporary:
                File.Delete(action.Path);
                break;
            case SyncActionKind.WriteConfig:
                Directories.Create(Path.GetDirectoryName(action.Path)!);
                AtomicFile.WriteAllTextIfChanged(action.Path, action.Content!);
                break;
            case SyncActionKind.DeleteConfig:
                File.Delete(action.Path);
                break;
            case SyncActionKind.FinishJournal:
                _journal.Remove(action.Path);
                break;
        }
    }

    /// <summary>
    /// Settles the entries of steps whose process is gone: a directory such a step created is deleted unless the
    /// store has it as a live version (the step committed); one it was removing is deleted only when the store says
    /// pruned (the prune committed). Paths of steps still running are left alone, and so is anything no entry names.
    /// </summary>
    /// <returns>The models of the abandoned steps, whose serving directories the sync must bring back in line.</returns>
    private HashSet<string> PlanJournal(IMetadataReader store, DateTimeOffset now, List<SyncAction> actions, HashSet<string> settled)
    {
        var interrupted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, entry) in _journal.Entries())
        {
            if (entry is null)
            {
                // Unreadable: nothing in it is trusted, and nothing it might name is deleted. Verify reports it.
                continue;
            }

            settled.UnionWith(VersionEntries(entry.Creates.Concat(entry.Removes)));
            if (!StepJournal.IsAbandoned(entry, now))
            {
                continue;
            }

            var who = $"left by an interrupted {entry.Operation} of {entry.Model} (process {entry.Pid} on {entry.Host}, {entry.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z), as its journal entry says";
            var leftovers = VersionEntries(entry.Creates).Where(created => VersionAt(store, created) is not { IsPruned: false })
                .Concat(VersionEntries(entry.Removes).Where(removed => IsHidden(removed) || VersionAt(store, removed) is { IsPruned: true }))
                .Where(path => Posix.KindOf(path) != FileKind.Missing);
            actions.AddRange(leftovers.Select(path => new SyncAction(SyncActionKind.DeleteLeftover, path, who)));

            if (Names.ModelProblem(entry.Model) is null)
            {
                interrupted.Add(entry.Model);
            }

            actions.Add(new SyncAction(SyncActionKind.FinishJournal, path, "its step is settled"));
        }

        return interrupted;
    }

    /// <summary>Every path a readable journal entry names, whatever its process's state.</summary>
    private HashSet<string> JournalPaths() => _journal.Entries()
        .Where(e => e.Entry is not null)
        .SelectMany(e => e.Entry!.Creates.Concat(e.Entry.Removes).Select(layout.Absolute))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Model directories the store may not know: what a killed first push of a new model left behind.</summary>
    private IEnumerable<string> ModelDirectoriesOnDisk()
    {
        if (!Directory.Exists(layout.Root))
        {
            return [];
        }

        return new DirectoryInfo(layout.Root).EnumerateDirectories()
            .Where(d => d.LinkTarget is null && Names.ModelProblem(d.Name) is null)
            .Where(d => IsRealDirectory(Path.Combine(d.FullName, ServingLayout.VersionsDirectoryName))
                || IsRealDirectory(Path.Combine(d.FullName, ServingLayout.ServingDirectoryName)))
            .Select(d => d.Name);
    }

    /// <summary>An entry of versions/ that is neither a live version nor named by a journal entry goes to the quarantine.</summary>
    private void PlanVersionCopies(IMetadataReader store, string model, IReadOnlyList<ModelVersion> live, HashSet<string> settled, List<SyncAction> actions)
    {
        // Only a real directory, reached through real directories: through a link, "unknown" entries would be
        // another directory's (a user's mirror of a model, or the model itself under another name).
        var directory = layout.VersionsDirectory(model);
        if (!IsRealDirectory(layout.ModelDirectory(model)) || !IsRealDirectory(directory))
        {
            return;
        }

        var liveNames = live.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var listed = new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList();

        // A push writes its journal entry before it creates its copy, but it copies outside the lock: a copy listed
        // now may have been created after the journal was read. Reading the journal again after the listing sees
        // the entry of every directory the listing saw.
        var claimed = listed.Any(e => !settled.Contains(e.FullName) && !liveNames.Contains(e.Name))
            ? JournalPaths()
            : settled;
        foreach (var entry in listed)
        {
            if (liveNames.Contains(entry.Name) || settled.Contains(entry.FullName) || claimed.Contains(entry.FullName))
            {
                continue;
            }

            var known = store.FindVersion(model, entry.Name);

            var why = known is not null
                ? $"the files of version '{entry.Name}', which the registry says was pruned, and no journal entry says ModelRelease left them"
                : entry.Name.StartsWith(ServingLayout.TemporaryPrefix, StringComparison.Ordinal)
                    ? "an unfinished copy that no journal entry claims"
                    : $"the registry has no version '{entry.Name}' of '{model}'";
            actions.Add(new SyncAction(SyncActionKind.Quarantine, entry.FullName, why));
        }
    }

    private void PlanNumbers(string model, IReadOnlyList<ModelVersion> live, List<SyncAction> actions)
    {
        var wanted = live
            .ToDictionary(v => Path.GetFileName(layout.ServingPath(model, v.Number)), v => ServingLayout.ServingTarget(v.Name), StringComparer.Ordinal);
        var directory = layout.ServingDirectory(model);
        if (Posix.KindOf(layout.ModelDirectory(model)) == FileKind.Symlink || Posix.KindOf(directory) == FileKind.Symlink)
        {
            return;
        }

        foreach (var (name, target) in wanted)
        {
            PlanLink(Path.Combine(directory, name), target, $"serving number of version {target[(ServingLayout.ServingTarget("").Length)..]}", actions);
        }

        PlanUnwanted(directory, name => wanted.ContainsKey(name) || !long.TryParse(name, out _), actions);
    }

    /// <remarks>
    /// A link is removed only under a name ModelRelease has used for a label of this model (stable, canary, golden, or
    /// one the audit log shows): a link a user made beside them (<c>latest</c>) is theirs and stays.
    /// </remarks>
    private void PlanLabels(string model, IReadOnlyList<LabelAssignment> labels, IReadOnlyList<string> everSet, List<SyncAction> actions)
    {
        var ours = everSet.Concat([LabelNames.Stable, LabelNames.Canary, LabelNames.Golden]).ToHashSet(StringComparer.Ordinal);
        if (Posix.KindOf(layout.ModelDirectory(model)) == FileKind.Symlink)
        {
            return;
        }

        var wanted = labels.ToDictionary(l => l.Label, l => ServingLayout.LabelTarget(l.Version), StringComparer.Ordinal);
        foreach (var (label, target) in wanted)
        {
            PlanLink(layout.LabelPath(model, label), target, $"{label} of {model} is {target[(ServingLayout.LabelTarget("").Length)..]} in the registry", actions);
        }

        PlanUnwanted(layout.ModelDirectory(model), name => wanted.ContainsKey(name) || LabelNames.Problem(name) is not null || !ours.Contains(name), actions);
    }

    private void PlanLink(string linkPath, string target, string why, List<SyncAction> actions)
    {
        if (links.TargetOf(linkPath) != target)
        {
            actions.Add(new SyncAction(SyncActionKind.PointLink, linkPath, why, target));
        }
    }

    /// <summary>Links the store does not know, and temporary links a dead writer left; <paramref name="keep"/> protects names that are not ours.</summary>
    private void PlanUnwanted(string directory, Func<string, bool> keep, List<SyncAction> actions)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        PlanTemporaries(directory, actions);
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (!keep(entry.Name) && IsLink(entry.FullName))
            {
                actions.Add(new SyncAction(SyncActionKind.RemoveLink, entry.FullName, "the registry has no such label or version"));
            }
        }
    }

    /// <summary>
    /// Temporary links and config files are made only under the write lock, and renamed before it is released, so one
    /// found now was left by a dead process. They are never directories: a real directory with such a name is not ours.
    /// </summary>
    private static void PlanTemporaries(string directory, List<SyncAction> actions)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        actions.AddRange(new DirectoryInfo(directory).EnumerateFileSystemInfos()
            .Where(e => TempName.IsTemporary(e.Name) && e is not DirectoryInfo { LinkTarget: null })
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => new SyncAction(SyncActionKind.RemoveTemporary, e.FullName, "a temporary file or link of a process that stopped before renaming it")));
    }

    /// <remarks>A model whose router settings are unknown here (its policy is not loaded) keeps its files as they are.</remarks>
    private void PlanRouters(IMetadataReader store, string model, IReadOnlyList<LabelAssignment> labels, List<SyncAction> actions)
    {
        if (routers?.Invoke(model) is { } settings)
        {
            actions.AddRange(RouterConfig.Plan(layout, model, settings, labels, ServingConfig.FormatsIn(store)));
        }
    }

    private static void PlanConfig(string path, string content, List<SyncAction> actions)
    {
        var current = Posix.KindOf(path) == FileKind.Regular ? File.ReadAllText(path) : null;
        if (current != content)
        {
            actions.Add(new SyncAction(SyncActionKind.WriteConfig, path, current is null ? "missing" : "it disagrees with the registry", content));
        }
    }

    /// <summary>
    /// True for <c>&lt;root&gt;/&lt;model&gt;/versions/&lt;name&gt;</c> reached through real directories: the only shape of path a
    /// journal entry may make clean-up touch (a link as the model or versions directory would lead it elsewhere).
    /// </summary>
    private bool IsVersionEntry(string path)
    {
        var parts = layout.Relative(path).Split('/');
        return parts.Length == 3 && Names.ModelProblem(parts[0]) is null && parts[1] == ServingLayout.VersionsDirectoryName
            && parts[2].Length > 0 && parts[2] != "." && parts[2] != ".."
            && IsRealDirectory(layout.ModelDirectory(parts[0])) && IsRealDirectory(layout.VersionsDirectory(parts[0]));
    }

    /// <summary>A directory that is not a link (<see cref="Posix.KindOf"/> does not follow the last component).</summary>
    private static bool IsRealDirectory(string path) => Posix.KindOf(path) == FileKind.Directory;

    /// <summary>The absolute paths among a journal entry's <paramref name="relative"/> paths that clean-up may touch.</summary>
    private IEnumerable<string> VersionEntries(IEnumerable<string> relative) => relative.Select(layout.Absolute).Where(IsVersionEntry);

    /// <summary>The version a <see cref="IsVersionEntry"/> path names, pruned or not; null when the store has none.</summary>
    private ModelVersion? VersionAt(IMetadataReader store, string path)
    {
        var parts = layout.Relative(path).Split('/');
        return store.FindVersion(parts[0], parts[2]);
    }

    private static bool IsHidden(string path) => Path.GetFileName(path).StartsWith(ServingLayout.TemporaryPrefix, StringComparison.Ordinal);

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
