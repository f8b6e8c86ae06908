using ModelRelease.Internal;
using ModelRelease.Internal.Sql;

namespace ModelRelease;

/// <summary>Moving this root's store: a copy into a new store, verified, and the root adopted to it.</summary>
public sealed partial class ModelRegistry
{
    /// <summary>What <see cref="MigrateStore"/> would copy into <paramref name="target"/>: counts and digests per table. Changes nothing.</summary>
    /// <exception cref="RegistryException">The root and this store do not belong together, or the migration would be refused.</exception>
    public StoreMigrationResult PlanMigrateStore(IMetadataStore target)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var reader = Pairing.OpenChecked(out var isNew);
        RequireNotNew(isNew);
        return StoreMigration.PlanFrom((SqlMetadataSession)reader, Store, target);
    }

    /// <summary>
    /// Copies this root's store into the empty <paramref name="target"/>, verifies the copy by counts and digests, and
    /// adopts the root to it: the target records the root under a new id, written to the root's marker after the
    /// commit, so later tasks accept the target and refuse the old store, which is left exactly as it was (never
    /// deleted; Adopt with it brings the root back). Other writers of this store wait until the copy is done, so no
    /// change made meanwhile is left behind in the old store.
    /// </summary>
    /// <exception cref="RegistryException">The pair is refused, the target is not empty, the store is older than this ModelRelease, or the copy differs (nothing committed).</exception>
    public StoreMigrationResult MigrateStore(IMetadataStore target)
    {
        ArgumentNullException.ThrowIfNull(target);
        RequireNoRehearsal();

        // Refused before the source's writer lock is taken, so a migration that cannot happen never holds up a release.
        using (var reader = Pairing.OpenChecked(out var isNew))
        {
            RequireNotNew(isNew);
            StoreMigration.RequireCopyable((SqlMetadataSession)reader, Store, target);
        }

        // The source's writer lock, held to the end and then released by a rollback: the schema is current (checked
        // above), so opening it upgrades nothing, and no task can change the old store between the copy and the switch.
        using var source = (SqlMetadataSession)Store.Write();
        RootGuard.Check(Layout, source, Store.Location);
        var generation = source.BoundRoot()?.Generation ?? 0;
        var rootId = RootMarker.NewId();
        var result = StoreMigration.RunFrom(source, Store, target, writer =>
        {
            writer.BindRoot(new RootBinding(rootId, RootGuard.RealPathOf(Layout.Root), Now()) { Generation = generation });
            return rootId;
        });

        // After the commit: a crash before this line leaves the root with the old store (its marker still names the old
        // id) and a target that Adopt can take; never a root that trusts a store that was not committed.
        RootMarker.Write(Layout, rootId, Now(), generation);
        return result;
    }

    private void RequireNotNew(bool isNew)
    {
        if (isNew)
        {
            throw new RegistryException(
                $"The serving root {Layout.Root} and the registry {Store.Location} are both new: there is nothing to migrate. Point --registry at the new store from the start.");
        }
    }
}
