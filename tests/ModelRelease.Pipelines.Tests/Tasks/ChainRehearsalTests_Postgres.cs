using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="ChainRehearsalTests"/> on a fresh PostgreSQL database.</summary>
public sealed class ChainRehearsalTests_Postgres() : ChainRehearsalTests(StoreKind.Postgres);
