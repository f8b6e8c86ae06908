using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="StatusHistoryTaskTests"/> on a fresh PostgreSQL database.</summary>
public sealed class StatusHistoryTaskTests_Postgres() : StatusHistoryTaskTests(StoreKind.Postgres);
