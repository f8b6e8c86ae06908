using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="RollbackTaskTests"/> on a fresh PostgreSQL database.</summary>
public sealed class RollbackTaskTests_Postgres() : RollbackTaskTests(StoreKind.Postgres);
