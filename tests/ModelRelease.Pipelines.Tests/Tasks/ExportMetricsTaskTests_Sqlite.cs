using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="ExportMetricsTaskTests"/> on a SQLite file in the serving root.</summary>
public sealed class ExportMetricsTaskTests_Sqlite() : ExportMetricsTaskTests(StoreKind.Sqlite);
