using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="ChainRehearsalTests"/> on a SQLite file in the serving root.</summary>
public sealed class ChainRehearsalTests_Sqlite() : ChainRehearsalTests(StoreKind.Sqlite);
