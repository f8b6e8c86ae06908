using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="CanaryPromoteTaskTests"/> on a SQLite file in the serving root.</summary>
public sealed class CanaryPromoteTaskTests_Sqlite() : CanaryPromoteTaskTests(StoreKind.Sqlite);
