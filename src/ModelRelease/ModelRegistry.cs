using System.Text.Json;
using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// The model registry: pushes versions with their provenance into the serving root, moves labels, answers
/// questions, and keeps the audit log. Every change happens inside one exclusive store transaction that also
/// brings the serving directory and TF Serving's config in line with the store, so two jobs at once never
/// interleave and a crash leaves either the old state or the new one (the next change repairs any half-made link).
/// </summary>
public sealed partial class ModelRegistry : IDisposable
{
    private readonly RegistryOptions _options;
    private readonly ServingSync _sync;
    private readonly ServingGate? _gate;
    private readonly StepJournal _journal;
    private ExecutionScope? _execution;

    /// <summary>A registry over the serving root <paramref name="root"/> and the metadata store <paramref name="store"/>.</summary>
    public ModelRegistry(string root, IMetadataStore store, RegistryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _options = options ?? new RegistryOptions();
        Layout = new ServingLayout(root);
        Store = store;
        Pairing = new RootPairing(Layout, store, _options);
        _journal = new StepJournal(Layout);
        // The path the model server sees the root at: given, else the root's own setting (Configure), else the path the
        // store recorded for it (so a link, a bind mount or a trailing slash writes the same config), else its real path.
        var servingPath = _options.ServingBasePath ?? RootSettings.Load(Layout.Root).ServingPath;
        Func<IMetadataReader, string> basePath = store => servingPath
            ?? (store.BoundRoot() is { } bound && RootGuard.IsSamePlace(bound.RootPath, Layout.Root) ? bound.RootPath : RootGuard.RealPathOf(Layout.Root));
        _sync = new ServingSync(Layout, _options.Links, basePath, _options.Warn, _options.Routers);
        _gate = _options.Readiness is { } readiness ? new ServingGate(Layout, readiness, basePath, _options.Warn) : null;
    }

    /// <summary>
    /// Opens the registry of <paramref name="root"/>, with its SQLite store at <paramref name="registry"/>
    /// (default <c>&lt;root&gt;/registry.db</c>; see <see cref="MetadataStores"/>). Nothing is created until the first change.
    /// </summary>
    public static ModelRegistry Open(string root, string? registry = null, RegistryOptions? options = null)
    {
        var location = string.IsNullOrWhiteSpace(registry) ? new ServingLayout(root).DefaultRegistryPath : registry;
        return new ModelRegistry(root, MetadataStores.Open(location), options);
    }

    /// <summary>Where things live under the serving root.</summary>
    public ServingLayout Layout { get; }

    /// <summary>The metadata store.</summary>
    public IMetadataStore Store { get; }

    /// <summary>The clock, environment and hooks this registry runs with.</summary>
    public RegistryOptions Options => _options;

    /// <summary>
    /// Copies the artifact into the registry as a new version with its provenance. An artifact identical to an
    /// unpruned version of the model returns that version instead (recording the attempt) and keeps nothing of the copy.
    /// </summary>
    public PushResult Push(PushRequest request) => Push(request, progress: null);

    /// <summary>
    /// <see cref="Push(PushRequest)"/>, telling <paramref name="progress"/> how far the copy has got. The artifact is
    /// read once: each file is copied and hashed in one pass, several at a time.
    /// </summary>
    /// <param name="request">What to push.</param>
    /// <param name="progress">Told the bytes and files copied, from the copying threads (null for none).</param>
    public PushResult Push(PushRequest request, IProgress<PushProgress>? progress)
    {
        // Refused before the slow copy, which happens outside the store's transaction.
        RequireNoRehearsal();
        return new VersionPublisher(this).Push(request, progress);
    }

    /// <summary>Points <paramref name="label"/> at <paramref name="version"/>, recording who, why and from where.</summary>
    public LabelChangeResult SetLabel(string model, string label, string version, LabelChange? change = null) =>
        ChangeLabels(model, [LabelEdit.Set(label, version, change)])[0];

    /// <summary>Removes <paramref name="label"/> from <paramref name="model"/>; nothing happens when it is not set.</summary>
    public LabelChangeResult ClearLabel(string model, string label, string? reason = null, EventKind kind = EventKind.LabelClear) =>
        ChangeLabels(model, [LabelEdit.Clear(label, new LabelChange(reason, Kind: kind))])[0];

    /// <summary>
    /// Sets and clears several labels of one model in one transaction, so no job and no crash ever sees half of it:
    /// a promotion moves stable and clears canary together. Each label that really moves gets its own audit event,
    /// in the order given; when nothing would change, nothing is written (not even a new store).
    /// </summary>
    public IReadOnlyList<LabelChangeResult> ChangeLabels(string model, IReadOnlyList<LabelEdit> edits) =>
        ChangeLabels(model, edits, expectations: null);

    /// <summary>
    /// Like <see cref="ChangeLabels(string, IReadOnlyList{LabelEdit})"/>, but only while every label in
    /// <paramref name="expectations"/> still points where the step saw it when planning (checked inside the
    /// transaction): a label another job moved in between is refused with a <see cref="RegistryException"/>, and nothing changes.
    /// </summary>
    public IReadOnlyList<LabelChangeResult> ChangeLabels(string model, IReadOnlyList<LabelEdit> edits, IReadOnlyList<LabelExpectation>? expectations) =>
        new LabelEditor(this).Change(model, edits, expectations ?? []);

    /// <summary>
    /// What <c>Prune</c> would keep and remove now, read without creating, locking or writing anything: the newest
    /// <paramref name="keep"/> unpruned versions are kept, and so is every version a label points at and the previous stable.
    /// </summary>
    /// <exception cref="RegistryException">The model is unknown (the message lists the known ones), or <paramref name="keep"/> is negative.</exception>
    public PrunePlan PlanPrune(string model, int keep) => new VersionPruner(this).Plan(model, keep);

    /// <summary>
    /// Deletes the files of every unpruned version <see cref="PlanPrune"/> would remove, planned again under the lock
    /// (another job may have moved a label since any earlier read), and returns what it removed. Each version keeps its
    /// metadata, marked pruned, and gets a <see cref="EventKind.Prune"/> event. The store changes first, in one
    /// transaction; files go only after it commits, so a crash leaves either the old state or the pruned one (the
    /// next change or <see cref="Sync"/> deletes whatever files a crashed prune left). Nothing to remove writes nothing.
    /// </summary>
    /// <exception cref="RegistryException">The model is unknown (the message lists the known ones), or <paramref name="keep"/> is negative.</exception>
    public PrunePlan Prune(string model, int keep, string? reason = null)
    {
        RequireNoRehearsal();
        return new VersionPruner(this).Prune(model, keep, reason);
    }

    /// <summary>
    /// Records a validation: an event with the checks as evidence and, for a version already in the registry, its
    /// blessing. <paramref name="version"/> is null for a candidate that was never pushed (a rejected one).
    /// <paramref name="evidence"/> is an object the library serialises to JSON (a record, a dictionary, a
    /// <c>JsonElement</c> or <c>JsonNode</c>; a string is stored as a JSON string), so History can always read it back.
    /// </summary>
    public void RecordValidation(string model, string? version, Blessing verdict, object? evidence, string? reason = null)
    {
        RequireModelName(model);
        var evidenceJson = EvidenceJson.Serialize(evidence);
        Change(model, reader => version is null ? null : RegistryRules.RequireVersion(reader, model, version), writer =>
        {
            if (version is not null)
            {
                RegistryRules.RequireVersion(writer, model, version);
                writer.SetBlessing(model, version, verdict, reason);
                Link(writer, model, version, ExecutionRole.Input);
            }

            // The verdict leads the reason, so it is never lost when a reason is given too.
            var verdictText = verdict.ToString().ToLowerInvariant();
            writer.AppendEvent(Event(model, EventKind.Validation, null, null, version, reason is null ? verdictText : $"{verdictText}: {reason}", evidenceJson, Now()));
            return true;
        });
    }

    /// <summary>
    /// Records the start of a pipeline task run with its arguments (secrets redacted); until it completes, changes
    /// made through this registry are linked to it. Only one runs at a time per registry.
    /// </summary>
    public ExecutionScope StartExecution(string task, string? model, IReadOnlyDictionary<string, string?> arguments)
    {
        var scope = NewExecution(task, model, arguments);
        using (var writer = Store.Write())
        {
            scope.Record(writer.StartExecution(scope.Draft));
            writer.Commit();
        }

        return _execution = scope;
    }

    /// <summary>
    /// Like <see cref="StartExecution"/>, but the run is recorded in the same transaction as its first change, so a
    /// run that changes nothing (a dry run, a refused input, a read-only task) leaves no row and creates no store.
    /// </summary>
    public ExecutionScope TrackExecution(string task, string? model, IReadOnlyDictionary<string, string?> arguments) =>
        _execution = NewExecution(task, model, arguments);

    private ExecutionScope NewExecution(string task, string? model, IReadOnlyDictionary<string, string?> arguments)
    {
        RequireNoRehearsal();
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        ArgumentNullException.ThrowIfNull(arguments);
        if (_execution is not null)
        {
            throw new InvalidOperationException($"Task run '{_execution.Draft.Task}' is still being recorded; complete it before starting another.");
        }

        if (model is not null)
        {
            RequireModelName(model);
        }

        var env = _options.Environment;
        var draft = new ExecutionDraft(task, model, JsonText.StringMap(SecretRedactor.Redact(arguments)), Now(), env.Actor, env.Host, env.CiRunUrl)
        {
            Lease = StepJournal.OwnLease,
        };
        return new ExecutionScope(draft, (scope, outcome, error) =>
        {
            // The scope ends even if recording its end fails, so the next task run can start.
            if (ReferenceEquals(_execution, scope))
            {
                _execution = null;
            }

            if (scope.RecordedId is { } id)
            {
                using var writer = Store.Write();
                writer.FinishExecution(id, outcome, error, Now());
                writer.Commit();
            }
        });
    }

    /// <summary>Nothing to release beyond the store.</summary>
    public void Dispose() => Store.Dispose();

    internal DateTimeOffset Now() => _options.Clock.GetUtcNow();

    /// <summary>The id of the tracked task run once it is recorded, for rows that link to it.</summary>
    internal long? CurrentExecutionId => _execution?.RecordedId;

    /// <summary>
    /// Runs one change: an exclusive transaction, the change, the serving directory of <paramref name="model"/> (and
    /// whatever the journal says a dead step left, and the configs) synced to the new state, commit: a change costs
    /// what it changes, not what the registry holds. <paramref name="precheck"/> runs first on a plain read, so input the change would refuse
    /// is refused without creating or locking the store. If anything fails, <paramref name="undo"/> runs while the
    /// lock is still held (so no other job can see or reuse what it removes), the transaction rolls back, and the
    /// serving directory is synced back to the store's state. The root and the store are checked to belong together
    /// under the lock; a new pair is bound in the same transaction (the marker written first, and removed again if
    /// the change fails), so a store is never synced to a root it does not own. With <see cref="RegistryOptions.Readiness"/>,
    /// a change that moves a served label waits, still under the lock, for the server to load the incoming version and
    /// take the label before the sync writes the final config (see <c>ServingGate</c>); a refusal rolls the change back.
    /// </summary>
    internal T Change<T>(string model, Func<IMetadataReader, object?>? precheck, Func<IMetadataWriter, T> change, Action? undo = null)
    {
        RequireNoRehearsal();
        if (precheck is not null)
        {
            using var reader = OpenRead();
            precheck(reader);
        }

        var filesTouched = false;
        var markerWritten = false;
        long generation = 0;
        JournalEntry? syncing = null;
        try
        {
            using var writer = Store.Write();
            var recordedRunHere = false;
            try
            {
                markerWritten = Pairing.BindIfNew(writer, Now());

                if (_execution is { RecordedId: null } pending)
                {
                    // A tracked run is recorded with its first change, in the same transaction.
                    pending.Record(writer.StartExecution(pending.Draft));
                    recordedRunHere = true;
                }

                // The labels before the change, for a server that must load what the change brings before it moves a label.
                var before = _gate is null ? null : writer.Labels(model: null);
                var result = change(writer);
                generation = writer.AdvanceRoot();
                _options.Fault("before-sync");

                // A change syncs only its own model, so a process killed between its sync and its commit must say
                // which model's links now run ahead of the store: the next change of any model re-syncs the model
                // an abandoned entry names. The server's phases write the configs too, so they run inside that entry.
                syncing = _journal.Begin("sync", model, [], [], Now());
                filesTouched = true;
                _gate?.Move(writer, before!, model);
                _options.Fault("after-serving-wait");
                _sync.Apply(writer, Now(), model);
                _options.Fault("before-commit");
                writer.Commit();
                _journal.Complete(syncing);
                Pairing.RecordGeneration(generation);
                return result;
            }
            catch
            {
                undo?.Invoke();
                if (markerWritten)
                {
                    Pairing.Unbind();
                }

                if (recordedRunHere)
                {
                    // Rolled back with the change: the next change records the run again.
                    _execution!.Forget();
                }

                throw;
            }
        }
        catch
        {
            if (filesTouched)
            {
                RestoreAfterFailure(model, syncing!);
            }

            throw;
        }
    }

    internal EventDraft Event(string model, EventKind kind, string? label, string? from, string? to, string? reason, string? evidence, DateTimeOffset at) =>
        new(model, kind, label, from, to, _options.Environment.Actor, _options.Environment.Host, reason, evidence, at, _execution?.RecordedId);

    internal void Link(IMetadataWriter writer, string model, string version, ExecutionRole role)
    {
        if (_execution?.RecordedId is { } id)
        {
            writer.LinkExecution(id, model, version, role);
        }
    }

    internal void RequireModelName(string model)
    {
        RegistryRules.RequireModelName(model);

        // A store kept inside the root under another name (--registry=<root>/meta.sqlite) reserves that name too.
        var directory = Layout.ModelDirectory(model);
        if (new[] { "", "-wal", "-shm", "-journal" }.Any(suffix => string.Equals(directory, Store.Location + suffix, StringComparison.Ordinal)))
        {
            throw new RegistryException($"Model name '{model}' is the name of the registry file in the serving root ({Store.Location}). Pick another model name, or keep the registry elsewhere.");
        }
    }

    private void RestoreAfterFailure(string model, JournalEntry syncing)
    {
        try
        {
            using var writer = Store.Write();
            _sync.Apply(writer, Now(), model);
            writer.Commit();
            _journal.Complete(syncing);
        }
        catch (Exception error)
        {
            // Left for the next change, which re-syncs the model this entry names as it would a dead process's.
            StepJournal.Release(syncing);
            // The original failure matters more; the next change syncs again.
            _options.Warn($"Could not restore the serving directory of '{model}' after a failed change ({error.Message}); the next change or Sync repairs it.");
        }
    }

}
