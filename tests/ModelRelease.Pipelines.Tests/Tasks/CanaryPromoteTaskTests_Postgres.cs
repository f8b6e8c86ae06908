using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="CanaryPromoteTaskTests"/> on a fresh PostgreSQL database.</summary>
public sealed class CanaryPromoteTaskTests_Postgres() : CanaryPromoteTaskTests(StoreKind.Postgres);
