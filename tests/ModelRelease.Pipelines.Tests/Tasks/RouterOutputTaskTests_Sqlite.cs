using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="RouterOutputTaskTests"/> on a SQLite file in the serving root.</summary>
public sealed class RouterOutputTaskTests_Sqlite() : RouterOutputTaskTests(StoreKind.Sqlite);
