using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="ReportTaskTests"/> on a fresh PostgreSQL database.</summary>
public sealed class ReportTaskTests_Postgres() : ReportTaskTests(StoreKind.Postgres);
