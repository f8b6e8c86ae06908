using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="RouterOutputTaskTests"/> on a fresh PostgreSQL database.</summary>
public sealed class RouterOutputTaskTests_Postgres() : RouterOutputTaskTests(StoreKind.Postgres);
