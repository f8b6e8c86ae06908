using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="LineageTests"/> on a SQLite file in the serving root.</summary>
public sealed class LineageTests_Sqlite() : LineageTests(StoreKind.Sqlite);
