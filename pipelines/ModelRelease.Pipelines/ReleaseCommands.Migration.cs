using Spectre.Console;

namespace ModelRelease.Pipelines;

/// <summary>MigrateStore: moving the root's registry into another store, and its dry run.</summary>
public sealed partial class ReleaseCommands
{
    /// <summary>Copies the registry into <paramref name="target"/>, verifies it, adopts the root to it, and prints the tables copied.</summary>
    public StoreMigrationResult MigrateStore(IMetadataStore target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var result = Registry.MigrateStore(target);
        PrintTables(result, "copied");
        console.MarkupLineInterpolated(
            $"[green]Migrated[/] {result.TotalRows} rows from {result.Source} to {result.Target}, verified by counts and digests, and adopted {Registry.Layout.Root} to it (root id {result.RootId}).");
        console.MarkupLineInterpolated(
            $"The old registry {result.Source} was not changed or deleted; the root refuses it from now on. Point --registry (or ${ReleaseContext.RegistryVariable}) at {result.Target}.");
        return result;
    }

    /// <summary>The dry-run twin of <see cref="MigrateStore"/>: prints the rows it would copy; writes nothing.</summary>
    public void PlanMigrateStore(IMetadataStore target, ChangePlan plan)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(plan);
        var result = Registry.PlanMigrateStore(target);
        PrintTables(result, "would copy");
        plan.Record($"{result.TotalRows} rows of {result.Source} into {result.Target}, verified by counts and digests");
        plan.Record($"the root {Registry.Layout.Root} as {result.Target}'s own, under a new id");
        plan.Write(Registry.Layout.RootMarkerPath, "the root's new id (the old registry is kept as it is, and refused by the root from then on)");
    }

    private void PrintTables(StoreMigrationResult result, string verb)
    {
        var width = result.Tables.Max(t => t.Table.Length);
        foreach (var table in result.Tables)
        {
            console.MarkupLineInterpolated($"  {table.Table.PadRight(width)}  {verb} {table.Rows,7} rows  digest {table.ShortDigest}");
        }
    }
}
