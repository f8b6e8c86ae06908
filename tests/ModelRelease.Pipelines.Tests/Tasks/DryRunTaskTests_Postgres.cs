using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="DryRunTaskTests"/> on a fresh PostgreSQL database.</summary>
public sealed class DryRunTaskTests_Postgres() : DryRunTaskTests(StoreKind.Postgres);
