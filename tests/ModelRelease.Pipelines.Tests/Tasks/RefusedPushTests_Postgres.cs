using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="RefusedPushTests"/> on a fresh PostgreSQL database.</summary>
public sealed class RefusedPushTests_Postgres() : RefusedPushTests(StoreKind.Postgres);
