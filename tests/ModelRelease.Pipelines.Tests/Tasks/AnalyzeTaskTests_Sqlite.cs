using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="AnalyzeTaskTests"/> on a SQLite file in the serving root.</summary>
public sealed class AnalyzeTaskTests_Sqlite() : AnalyzeTaskTests(StoreKind.Sqlite);
