namespace ModelRelease.Internal;

/// <summary>
/// Prunes the versions of a model that <see cref="RetentionPlanner"/> does not keep. The store is the source of
/// truth, so it changes first: one registry change replans under the lock, writes the journal entry naming the
/// copies it will remove, marks the versions pruned, logs them and removes their numeric links. Only after the
/// commit do the files go: renamed to the hidden names the journal gave them under a short lock, deleted outside
/// it. A crash before the commit leaves the old state (the next sync restores the links); after it, the next change
/// deletes what is left, because the journal entry of a process that is gone names it.
/// </summary>
internal sealed class VersionPruner(ModelRegistry registry)
{
    private readonly RegistryOptions _options = registry.Options;

    /// <summary>The plan on a plain read: never creates, locks or writes the store.</summary>
    public PrunePlan Plan(string model, int keep)
    {
        registry.RequireModelName(model);
        RegistryRules.RequireKeep(keep);
        using var reader = registry.OpenRead();
        return PlanFrom(reader, model, keep);
    }

    public PrunePlan Prune(string model, int keep, string? reason)
    {
        // The read pass refuses bad input and, when nothing would go, returns without locking or writing anything.
        if (Plan(model, keep) is { Removed.Count: 0 } nothing)
        {
            return nothing;
        }

        var journal = new StepJournal(registry.Layout);
        JournalEntry? entry = null;
        var trash = new Dictionary<string, string>(StringComparer.Ordinal);
        var plan = registry.Change(model, precheck: null, writer =>
        {
            // Planned again on the writer's state: a label moved since the read must protect its version.
            var current = PlanFrom(writer, model, keep);
            var now = registry.Now();

            // Write-ahead, before the store says pruned: the journal names each copy and the hidden name it will be
            // moved to, so a crash at any later point leaves files that clean-up can prove are a pruned version's.
            foreach (var version in current.Removed)
            {
                trash[registry.Layout.VersionDirectory(model, version.Name)] = Path.Combine(registry.Layout.VersionsDirectory(model), IncomingCopies.NewName());
            }

            entry = journal.Begin("prune", model, [], trash.Keys.Concat(trash.Values).ToList(), now);
            foreach (var version in current.Removed)
            {
                writer.MarkPruned(model, version.Name, now);
                writer.AppendEvent(registry.Event(model, EventKind.Prune, null, null, version.Name, reason, Evidence(version, keep), now));
                registry.Link(writer, model, version.Name, ExecutionRole.Output);
            }

            return current with { Removed = current.Removed.Select(v => v with { PrunedAt = now }).ToList() };
        },
        undo: () =>
        {
            // Not committed: the versions stay live, and the entry has nothing left to settle.
            if (entry is not null)
            {
                journal.Complete(entry);
            }
        });

        try
        {
            _options.Fault("prune-after-commit");
            DeleteCopies(model, trash);
            journal.Complete(entry!);
        }
        finally
        {
            // Committed: whatever stopped this prune now, the next sync finishes it from the journal entry.
            StepJournal.Release(entry!);
        }

        return plan;
    }

    /// <remarks>
    /// Only the live versions are read (the partial index <c>versions_live</c>): the planner never keeps or removes a
    /// pruned one, and a model with years of pruned history would otherwise read and parse every one of them, twice.
    /// </remarks>
    private static PrunePlan PlanFrom(IMetadataReader state, string model, int keep)
    {
        RegistryRules.RequireModel(state, model);
        return RetentionPlanner.Plan(model, keep, state.Versions(model, VersionQuery.Live), state.Labels(model), LabelLog.PreviousStable(state, model)?.Name);
    }

    /// <summary>
    /// Runs after the commit, when the store already says pruned: a failure here only leaves files behind, which the
    /// next change deletes as the journal entry says, so it is a warning rather than a failed prune.
    /// </summary>
    private void DeleteCopies(string model, IReadOnlyDictionary<string, string> trash)
    {
        var hidden = MoveAside(model, trash);
        try
        {
            _options.Fault("prune-before-delete");
        }
        finally
        {
            foreach (var path in hidden)
            {
                try
                {
                    FileTree.Delete(path);
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    _options.Warn($"Could not delete {path}, the files of a pruned version ({error.Message}); the next change deletes it once this process has exited.");
                }
            }
        }
    }

    /// <summary>
    /// Renames each copy still there to the hidden name the journal gave it, under the write lock so no other job's
    /// sync moves a copy while this one renames it. The rename takes the whole copy out of view at once.
    /// </summary>
    private List<string> MoveAside(string model, IReadOnlyDictionary<string, string> trash)
    {
        var hidden = new List<string>();
        try
        {
            using (registry.Store.Write())
            {
                var versions = registry.Layout.VersionsDirectory(model);
                foreach (var (copy, aside) in trash)
                {
                    if (Directory.Exists(copy))
                    {
                        Posix.Rename(copy, aside);
                        hidden.Add(aside);
                    }
                }

                if (hidden.Count > 0)
                {
                    Posix.FsyncDirectory(versions);
                }
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or RegistryException)
        {
            _options.Warn($"Pruned {trash.Count} version(s) of '{model}' in the registry, but could not move all their files aside ({error.Message}); the next change or Sync deletes them.");
        }

        return hidden;
    }

    private static string Evidence(ModelVersion version, int keep) => JsonText.Write(json =>
    {
        json.WriteStartObject();
        json.WriteNumber("number", version.Number);
        json.WriteNumber("bytes", version.TotalBytes);
        json.WriteNumber("files", version.FileCount);
        json.WriteNumber("keep", keep);
        json.WriteString("why", keep == 0
            ? "no label points at it and it is not the previous stable"
            : $"not among the newest {keep} unpruned versions, no label points at it, and it is not the previous stable");
        json.WriteEndObject();
    });
}
