using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="PruneLabelTaskTests"/> on a fresh PostgreSQL database.</summary>
public sealed class PruneLabelTaskTests_Postgres() : PruneLabelTaskTests(StoreKind.Postgres);
