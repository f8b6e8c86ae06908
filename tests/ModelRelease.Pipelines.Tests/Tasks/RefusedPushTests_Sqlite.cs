using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="RefusedPushTests"/> on a SQLite file in the serving root.</summary>
public sealed class RefusedPushTests_Sqlite() : RefusedPushTests(StoreKind.Sqlite);
