using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="ExportMetricsTaskTests"/> on a fresh PostgreSQL database.</summary>
public sealed class ExportMetricsTaskTests_Postgres() : ExportMetricsTaskTests(StoreKind.Postgres);
