using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// Moves a root's registry into another, empty store (SQLite to PostgreSQL, or back): copies every row with its id,
/// verifies the copy by counts and digests before it commits, then adopts the root to the new store. The old store is
/// never changed or deleted; the root refuses it from then on.
/// </summary>
[TaskName("MigrateStore")]
[TaskDescription("Copy the registry into an empty store (SQLite ⇄ PostgreSQL), verify it, and adopt the root to it (deletes nothing)")]
public class MigrateStoreTask : PipelineTask<ReleaseContext>
{
    /// <summary><c>--root</c>: the root whose registry moves.</summary>
    public static readonly Argument<string?> Root = ReleaseArguments.Root;

    /// <summary><c>--registry</c>: the store to copy from (left as it is).</summary>
    public static readonly Argument<string?> Registry = ReleaseArguments.Registry.WithDescription("the store to copy from, left as it is (default <root>/registry.db, or $MODELRELEASE_REGISTRY)");

    /// <summary><c>--to-registry</c>: the empty store to copy into.</summary>
    public static readonly Argument<string?> ToRegistry = ReleaseArguments.ToRegistry;

    /// <inheritdoc />
    public override void Run(ReleaseContext context)
    {
        using var target = Target(context);
        context.AdoptionCommands.MigrateStore(target);
    }

    /// <inheritdoc />
    public override void Plan(ReleaseContext context, ChangePlan plan)
    {
        using var target = Target(context);
        context.AdoptionCommands.PlanMigrateStore(target, plan);
    }

    private static IMetadataStore Target(ReleaseContext context) => MetadataStores.Open(context.ToRegistry ?? throw new PipelineUsageException(
        "MigrateStore needs --to-registry=<store>: a new SQLite file path, or a PostgreSQL URL such as postgres://user@host/db?schema=team_a (the password from PGPASSWORD, a passfile, or password_env=NAME)."));
}
