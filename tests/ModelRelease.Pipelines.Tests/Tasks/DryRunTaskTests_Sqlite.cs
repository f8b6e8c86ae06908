using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="DryRunTaskTests"/> on a SQLite file in the serving root.</summary>
public sealed class DryRunTaskTests_Sqlite() : DryRunTaskTests(StoreKind.Sqlite);
