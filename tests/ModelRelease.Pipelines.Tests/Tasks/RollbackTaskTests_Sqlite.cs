using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="RollbackTaskTests"/> on a SQLite file in the serving root.</summary>
public sealed class RollbackTaskTests_Sqlite() : RollbackTaskTests(StoreKind.Sqlite);
