using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="StatusHistoryPagingTests"/> on a fresh PostgreSQL database.</summary>
public sealed class StatusHistoryPagingTests_Postgres() : StatusHistoryPagingTests(StoreKind.Postgres);
