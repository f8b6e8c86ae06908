using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="StatusHistoryPagingTests"/> on a SQLite file in the serving root.</summary>
public sealed class StatusHistoryPagingTests_Sqlite() : StatusHistoryPagingTests(StoreKind.Sqlite);
