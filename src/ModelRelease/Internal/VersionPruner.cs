using System.Text.Json;

namespace ModelRelease.Internal;

/// <summary>
/// Prunes the versions of a model that <see cref="RetentionPlanner"/> does not keep. The store is the source of
/// truth, so it changes first: one registry change replans under the lock, marks the versions pruned, logs them and
/// removes their numeric links, sparing their directories until the commit. Only then do the files go: renamed to
/// hidden incoming-style names under a short lock, deleted outside it. A crash before the commit leaves the old
/// state (the next sync restores the links); after it, the next change deletes what is left as it would any
/// directory of a pruned version, or any incoming copy whose process is gone.
/// </summary>
internal sealed class VersionPruner(ModelRegistry registry)
{
    private readonly RegistryOptions _options = registry.Options;

    /// <summary>The plan on a plain read: never creates, locks or writes the store.</summary>
    public PrunePlan Plan(string model, int keep)
    {
        registry.RequireModelName(model);
        RegistryRules.RequireKeep(keep);
        using var reader = registry.Store.Read();
        return PlanFrom(reader, model, keep);
    }

    public PrunePlan Prune(string model, int keep, string? reason)
    {
        // The read pass refuses bad input and, when nothing would go, returns without locking or writing anything.
        if (Plan(model, keep) is { Removed.Count: 0 } nothing)
        {
            return nothing;
        }

        var spare = new HashSet<string>(StringComparer.Ordinal);
        var plan = registry.Change(model, precheck: null, writer =>
        {
            // Planned again on the writer's state: a label moved since the read must protect its version.
            var current = PlanFrom(writer, model, keep);
            var now = registry.Now();
            foreach (var version in current.Removed)
            {
                writer.MarkPruned(model, version.Name, now);
                writer.AppendEvent(registry.Event(model, EventKind.Prune, null, null, version.Name, reason, Evidence(version, keep), now));
                registry.Link(writer, model, version.Name, ExecutionRole.Output);
                spare.Add(registry.Layout.VersionDirectory(model, version.Name));
            }

            return current with { Removed = current.Removed.Select(v => v with { PrunedAt = now }).ToList() };
        },
        spareCopies: spare);

        _options.Fault("prune-after-commit");
        DeleteCopies(model, plan.Removed);
        return plan;
    }

    private static PrunePlan PlanFrom(IMetadataReader state, string model, int keep)
    {
        RegistryRules.RequireModel(state, model);
        return RetentionPlanner.Plan(model, keep, state.Versions(model), state.Labels(model), LabelLog.PreviousStable(state, model)?.Name);
    }

    /// <summary>
    /// Runs after the commit, when the store already says pruned: a failure here only leaves files behind, which the
    /// next change deletes, so it is a warning rather than a failed prune.
    /// </summary>
    private void DeleteCopies(string model, IReadOnlyList<ModelVersion> removed)
    {
        var hidden = MoveAside(model, removed);
        try
        {
            _options.Fault("prune-before-delete");
        }
        finally
        {
            // As a push deletes its incoming copy on any failure; only a killed process leaves these to the next change.
            foreach (var trash in hidden)
            {
                try
                {
                    FileTree.Delete(trash);
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    _options.Warn($"Could not delete {trash}, the files of a pruned version ({error.Message}); the next change deletes it once this process has exited.");
                }
            }
        }
    }

    /// <summary>
    /// Renames each copy still there to a hidden incoming name, under the write lock so no other job's sync deletes a
    /// copy while this one renames it. The rename takes the whole copy out of view at once, and the incoming name
    /// says whose it is: if this process dies before deleting it, the next change removes it as an abandoned copy.
    /// </summary>
    private List<string> MoveAside(string model, IReadOnlyList<ModelVersion> removed)
    {
        var hidden = new List<string>();
        try
        {
            using (registry.Store.Write())
            {
                var versions = registry.Layout.VersionsDirectory(model);
                foreach (var version in removed)
                {
                    var copy = registry.Layout.VersionDirectory(model, version.Name);
                    if (!Directory.Exists(copy))
                    {
                        // Another job's change synced after the commit and deleted it already.
                        continue;
                    }

                    var trash = Path.Combine(versions, IncomingCopies.NewName());
                    Posix.Rename(copy, trash);
                    hidden.Add(trash);

                    // A copy pushed over a day ago would look abandoned by its age, and another job's sync would delete
                    // it under this one's feet; fresh, it is left to this live process.
                    Directory.SetLastWriteTimeUtc(trash, DateTime.UtcNow);
                }

                if (hidden.Count > 0)
                {
                    Posix.FsyncDirectory(versions);
                }
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or RegistryException)
        {
            _options.Warn($"Pruned {removed.Count} version(s) of '{model}' in the registry, but could not move all their files aside ({error.Message}); the next change or Sync deletes them.");
        }

        return hidden;
    }

    private static string Evidence(ModelVersion version, int keep) => JsonSerializer.Serialize(new
    {
        number = version.Number,
        bytes = version.TotalBytes,
        files = version.FileCount,
        keep,
        why = keep == 0
            ? "no label points at it and it is not the previous stable"
            : $"not among the newest {keep} unpruned versions, no label points at it, and it is not the previous stable",
    });
}
