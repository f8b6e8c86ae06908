using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="LineageTests"/> on a fresh PostgreSQL database.</summary>
public sealed class LineageTests_Postgres() : LineageTests(StoreKind.Postgres);
