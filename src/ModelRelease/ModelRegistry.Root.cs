using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// The registry's upkeep of its serving root: the pair check every task makes first, the sync and its plan, Verify
/// and its repair, and Adopt. The release steps are in ModelRegistry.cs.
/// </summary>
public sealed partial class ModelRegistry
{
    /// <summary>
    /// Brings the serving directory and configs of every model in line with the store: finishes or undoes what an
    /// interrupted change left behind (as its journal entry says), and moves what the store does not know to the
    /// quarantine. Every change already does this; run it on its own to repair a root after a crash.
    /// </summary>
    public void Sync()
    {
        RequireNoRehearsal();
        Pairing.RequireSafeLocation();
        using var writer = Store.Write();
        if (RootGuard.Check(Layout, writer, Store.Location))
        {
            // A new root and a new store: there is nothing to bring in line, and nothing is created for it.
            return;
        }

        _sync.Apply(writer, Now());
        writer.Commit();
    }

    /// <summary>
    /// What <see cref="Sync"/> (and so the next change) would do to the serving directory now: the clean-up a dry run
    /// shows and Verify reports. Reads only.
    /// </summary>
    /// <param name="model">The model a change is about to change: its plan covers that model's directories, the
    /// journal and the configs, as the change's own sync does; null for every model, as <see cref="Sync"/> does.</param>
    public IReadOnlyList<SyncAction> PlanSync(string? model = null)
    {
        using var reader = OpenStoredRead();
        return _sync.Plan(reader, Now(), model);
    }

    internal IReadOnlyList<SyncAction> PlanSync(IMetadataReader reader) => _sync.Plan(reader, Now());

    /// <summary>
    /// Checks the root against the store: every live version's files against its manifest (re-hashed), every
    /// directory and link, the configs, the journal, and task runs left running by a process that is gone. Reads only.
    /// </summary>
    public VerifyReport Verify() => new RegistryVerifier(this).Verify();

    /// <summary>
    /// Repairs what is safe to repair: rebuilds links, the numeric view and the configs from the store, deletes
    /// leftovers a journal entry proves are ModelRelease's, moves unknown directories to the quarantine, and marks
    /// runs whose process is gone aborted. Never deletes a registered version's files. Returns what it did.
    /// </summary>
    public IReadOnlyList<string> Repair()
    {
        RequireNoRehearsal();
        return new RegistryVerifier(this).Repair();
    }

    /// <summary>What <see cref="Repair"/> would do, read without changing anything.</summary>
    public IReadOnlyList<PlannedChange> PlanRepair() => new RegistryVerifier(this).PlanRepair();

    /// <summary>What <see cref="Adopt"/> would do, read without changing anything.</summary>
    public AdoptResult PlanAdopt() => new RootAdopter(this).Plan();

    /// <summary>
    /// Binds this root and this store when the store records no root yet (a root an older ModelRelease made, or a
    /// store moved elsewhere): writes the root's marker if missing and the id into the store. Deletes nothing.
    /// </summary>
    /// <exception cref="RegistryException">The store belongs to another root, or is empty while the root holds versions.</exception>
    public AdoptResult Adopt()
    {
        RequireNoRehearsal();
        return new RootAdopter(this).Adopt();
    }

    /// <summary>
    /// Refuses, before anything is read as this root's or changed, a root and store that do not belong together (see
    /// the guide's "Serving layout"): a store of another root, a new or empty store for a root that has one, a
    /// directory that is not a ModelRelease root, <c>/</c>, a home directory, the repository itself, and, when
    /// <paramref name="artifact"/> is given, an artifact inside the root or a root inside it. Reads only.
    /// </summary>
    /// <returns>True when the root and the store are both new: the first change writes the root's marker and binds the store.</returns>
    /// <exception cref="RegistryException">The pair is refused; the message names both paths and the fix.</exception>
    public bool CheckRoot(string? artifact = null)
    {
        Pairing.RequireSafeLocation();
        if (artifact is not null)
        {
            RootGuard.RequireSeparate(Layout, artifact);
        }

        using var reader = Pairing.OpenChecked(out var isNew);
        return isNew;
    }

    /// <summary>A read of the store as it is, without a rehearsal's planned steps: for the upkeep of the root, which acts on what is there.</summary>
    internal IMetadataReader OpenStoredRead() => Pairing.OpenRead();

    /// <summary>A read for the release steps: the store, with the steps a rehearsal planned so far laid over it.</summary>
    internal IMetadataReader OpenRead() => Rehearsal is { } rehearsal ? new RehearsalReader(Pairing.OpenRead(), rehearsal) : Pairing.OpenRead();

    /// <summary>The dry run this registry is rehearsing, or null: see <see cref="Rehearse"/>.</summary>
    public Rehearsal? Rehearsal { get; private set; }

    /// <summary>
    /// Starts (or continues) a dry run of several steps: from now on every read of this registry sees what the steps
    /// planned into the returned <see cref="ModelRelease.Rehearsal"/> would have left. Nothing is ever written by it.
    /// </summary>
    public Rehearsal Rehearse() => Rehearsal ??= new Rehearsal(Now, _options.Environment);

    /// <summary>A rehearsing registry reads planned state that was never written; a change made on it would act on a fiction.</summary>
    internal void RequireNoRehearsal()
    {
        if (Rehearsal is not null)
        {
            throw new InvalidOperationException("This registry is rehearsing a dry run (Rehearse was called), so it changes nothing. Open another registry for real changes.");
        }
    }

    /// <summary>The location and pair checks of this registry's root and store.</summary>
    internal RootPairing Pairing { get; }
}
