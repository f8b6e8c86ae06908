using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="AnalyzeTaskTests"/> on a fresh PostgreSQL database.</summary>
public sealed class AnalyzeTaskTests_Postgres() : AnalyzeTaskTests(StoreKind.Postgres);
