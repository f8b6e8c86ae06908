using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="ReportTaskTests"/> on a SQLite file in the serving root.</summary>
public sealed class ReportTaskTests_Sqlite() : ReportTaskTests(StoreKind.Sqlite);
