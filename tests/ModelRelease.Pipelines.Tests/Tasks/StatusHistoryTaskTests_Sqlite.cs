using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="StatusHistoryTaskTests"/> on a SQLite file in the serving root.</summary>
public sealed class StatusHistoryTaskTests_Sqlite() : StatusHistoryTaskTests(StoreKind.Sqlite);
