using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="PruneLabelTaskTests"/> on a SQLite file in the serving root.</summary>
public sealed class PruneLabelTaskTests_Sqlite() : PruneLabelTaskTests(StoreKind.Sqlite);
