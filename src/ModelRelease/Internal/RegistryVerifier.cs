namespace ModelRelease.Internal;

/// <summary>
/// Checks a serving root against its store: every live version's files against its manifest, every directory and
/// link against the store, the configs, the journal, and task runs left running by a process that is gone. Repair
/// does only what is safe: the sync (links, numeric view, configs, journal-proven leftovers, quarantine of the
/// unknown) and marking dead runs aborted. It never deletes a registered version's files.
/// </summary>
internal sealed class RegistryVerifier(ModelRegistry registry)
{
    /// <summary>An execution without a lease (recorded before leases) is taken for dead after this long.</summary>
    private static readonly TimeSpan UnleasedRunLimit = TimeSpan.FromHours(24);

    public VerifyReport Verify()
    {
        var findings = new List<VerifyFinding>();
        var layout = registry.Layout;
        using var reader = registry.OpenStoredRead();
        RequireRoot();
        var now = registry.Now();
        var checkedVersions = 0;

        foreach (var (path, entry) in new StepJournal(layout).Entries().Where(e => e.Entry is null))
        {
            findings.Add(new VerifyFinding("journal", path, "a journal entry that cannot be read, so nothing it names is cleaned up",
                "look at it; if no ModelRelease step is running, move it out of the journal directory", Repairable: false));
        }

        foreach (var action in registry.PlanSync(reader))
        {
            findings.Add(new VerifyFinding(KindOf(action.Kind), action.Path, action.Why, "Verify --repair would " + action.Describe(), Repairable: true));
        }

        foreach (var model in reader.Models())
        {
            foreach (var version in reader.Versions(model).Where(v => !v.IsPruned))
            {
                var directory = layout.VersionDirectory(model, version.Name);
                if (Posix.KindOf(directory) != FileKind.Directory)
                {
                    findings.Add(new VerifyFinding("missing-version", directory, $"version '{version.Name}' of '{model}' is live in the registry but its directory is missing",
                        "restore the directory from a backup, or move every label off it and prune it", Repairable: false));
                    continue;
                }

                checkedVersions++;
                if (Damage(directory, reader.Manifest(model, version.Name)!) is { } damage)
                {
                    findings.Add(new VerifyFinding("hash", directory, $"version '{version.Name}' of '{model}' no longer matches its manifest: {damage}",
                        "restore the directory from a backup (versions are immutable), or move every label off it and prune it", Repairable: false));
                }
            }
        }

        foreach (var run in DeadRuns(reader, now))
        {
            findings.Add(new VerifyFinding("execution", $"execution {run.Id} ({run.Task})",
                $"task run {run.Task} started {run.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z on {run.Host} is recorded as running, but its process is gone",
                "Verify --repair marks it aborted", Repairable: true));
        }

        return new VerifyReport(checkedVersions, findings);
    }

    /// <summary>
    /// What <see cref="Repair"/> would do, read without changing anything (and without re-hashing: the repair never
    /// touches a version's bytes): the sync's plan, then every run to be marked aborted.
    /// </summary>
    public IReadOnlyList<PlannedChange> PlanRepair()
    {
        using var reader = registry.OpenStoredRead();
        RequireRoot();
        return registry.PlanSync(reader).Select(action => new PlannedChange(action.ChangeKind, action.Describe()))
            .Concat(DeadRuns(reader, registry.Now()).Select(run => new PlannedChange(ChangeKind.Record, AbortedText(run))))
            .ToList();
    }

    /// <summary>Does what is safe and returns what it did.</summary>
    public IReadOnlyList<string> Repair()
    {
        using (registry.OpenStoredRead())
        {
            RequireRoot();
        }

        var done = registry.PlanSync().Select(action => action.Describe()).ToList();
        registry.Sync();
        var now = registry.Now();
        using var writer = registry.Store.Write();
        foreach (var run in DeadRuns(writer, now))
        {
            writer.FinishExecution(run.Id, ExecutionOutcome.Aborted, $"its process ({run.Lease ?? "no lease"} on {run.Host}) was gone when Verify --repair ran", now);
            done.Add(AbortedText(run));
        }

        writer.Commit();
        return done;
    }

    /// <summary>Task runs recorded as running whose process is gone.</summary>
    private static IEnumerable<ExecutionRecord> DeadRuns(IMetadataReader store, DateTimeOffset now) =>
        store.Executions(model: null).Where(r => r.Outcome == ExecutionOutcome.Running && IsDead(r, now));

    private static string AbortedText(ExecutionRecord run) => $"mark task run {run.Id} ({run.Task}) as aborted: its process is gone";

    /// <summary>A mistyped --root reads as a new, empty root: Verify must not call that "verified".</summary>
    private void RequireRoot()
    {
        if (RootMarker.Read(registry.Layout) is null)
        {
            throw new RegistryException(
                $"{registry.Layout.Root} is not a ModelRelease serving root yet ({(Directory.Exists(registry.Layout.Root) ? "it has no .modelrelease/root.json" : "it does not exist")}), so there is nothing to verify. " +
                "Check --root (or $MODELRELEASE_ROOT): Verify checks a root that has had at least one release.");
        }
    }

    private static bool IsDead(ExecutionRecord run, DateTimeOffset now)
    {
        if (!string.Equals(run.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase) || run.Lease is null)
        {
            // Another machine's process cannot be looked up from here: only age tells.
            return now - run.StartedAt > UnleasedRunLimit;
        }

        return !StepJournal.IsLeaseAlive(run.Lease);
    }

    /// <summary>What differs between the directory and its manifest, or null when nothing does.</summary>
    private static string? Damage(string directory, VersionManifest manifest)
    {
        VersionManifest actual;
        try
        {
            actual = ArtifactScanner.Scan(directory).Manifest;
        }
        catch (Exception error) when (error is RegistryException or IOException or UnauthorizedAccessException)
        {
            return $"it cannot be read ({error.Message})";
        }

        if (actual.Digest == manifest.Digest)
        {
            return null;
        }

        var expected = manifest.Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
        var found = actual.Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
        var changes = expected.Keys.Except(found.Keys).Select(p => $"{p} missing")
            .Concat(found.Keys.Except(expected.Keys).Select(p => $"{p} added"))
            .Concat(expected.Keys.Intersect(found.Keys).Where(p => expected[p] != found[p]).Select(p => $"{p} changed"))
            .Order(StringComparer.Ordinal)
            .ToList();
        return string.Join(", ", changes.Take(5)) + (changes.Count > 5 ? $" and {changes.Count - 5} more" : "");
    }

    private static string KindOf(SyncActionKind kind) => kind switch
    {
        SyncActionKind.Quarantine => "unknown-directory",
        SyncActionKind.DeleteLeftover or SyncActionKind.RemoveTemporary => "leftover",
        SyncActionKind.PointLink or SyncActionKind.RemoveLink => "link",
        SyncActionKind.WriteConfig or SyncActionKind.DeleteConfig => "config",
        _ => "journal",
    };
}
