using ModelRelease.Internal.Sql;

namespace ModelRelease;

/// <summary>
/// Copies a whole metadata store into an empty one, SQLite to PostgreSQL or back: every row with its id, the audit log
/// in its order, checked by row counts and digests inside the target's transaction before it commits. The source is
/// read in one snapshot and never changed. Both stores must be at this ModelRelease's schema version: a migration
/// upgrades neither (run any writing task on an older source first).
/// </summary>
/// <remarks>
/// This copies stores only: the copy records the same serving root as the source. To move a serving root to a new
/// store, use <see cref="ModelRegistry.MigrateStore"/>, which also gives the root a new id bound to the new store, so
/// the old store is refused by the root from then on (and kept, never deleted).
/// </remarks>
public static class StoreMigration
{
    /// <summary>What <see cref="Run"/> would copy: the source's tables with their counts and digests. Changes nothing.</summary>
    /// <exception cref="RegistryException">The target is not empty, the source is empty or older than this ModelRelease, or they are one store.</exception>
    public static StoreMigrationResult Plan(IMetadataStore source, IMetadataStore target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        using var from = Session(source.Read());
        return PlanFrom(from, source, target);
    }

    /// <summary>Copies <paramref name="source"/> into the empty <paramref name="target"/> and verifies it; returns what was copied.</summary>
    /// <exception cref="RegistryException">As <see cref="Plan(IMetadataStore, IMetadataStore)"/>, or the copy did not read back the same (then nothing was committed).</exception>
    public static StoreMigrationResult Run(IMetadataStore source, IMetadataStore target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        using var from = Session(source.Read());
        return RunFrom(from, source, target, beforeCommit: null);
    }

    internal static StoreMigrationResult PlanFrom(SqlMetadataSession from, IMetadataStore source, IMetadataStore target)
    {
        // Read, not written: a planned migration into a new SQLite path or an unused schema creates nothing.
        using var to = Session(target.Read());
        return new StoreMigrationResult(source.Location, target.Location, StoreCopier.Plan(from, source.Location, to, target.Location), null);
    }

    /// <summary>The refusals of <see cref="PlanFrom"/> without its digests (counts only), on a read of the target.</summary>
    internal static void RequireCopyable(SqlMetadataSession from, IMetadataStore source, IMetadataStore target)
    {
        using var to = Session(target.Read());
        StoreCopier.RequireCopyable(from, source.Location, to, target.Location);
    }

    /// <summary>
    /// The copy, with <paramref name="beforeCommit"/> run on the target's writer after the verification and before the
    /// commit (ModelRegistry binds the root there), so the copy and the binding commit together or not at all.
    /// </summary>
    internal static StoreMigrationResult RunFrom(SqlMetadataSession from, IMetadataStore source, IMetadataStore target, Func<IMetadataWriter, string?>? beforeCommit)
    {
        // Refused on a read first (every row read and normalised, as the copy will), so a refused migration does not
        // even create the target's file or schema.
        PlanFrom(from, source, target);
        using var to = Session(target.Write());
        var tables = StoreCopier.Copy(from, source.Location, to, target.Location);
        var rootId = beforeCommit?.Invoke(to);
        to.Commit();
        return new StoreMigrationResult(source.Location, target.Location, tables, rootId);
    }

    private static SqlMetadataSession Session(IMetadataReader reader) => reader as SqlMetadataSession ?? throw new NotSupportedException(
        $"A store migration copies the stores ModelRelease ships (SQLite, PostgreSQL); this store's reader is a {reader.GetType().Name}.");
}
