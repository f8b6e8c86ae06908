using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="ValidatePushTaskTests"/> on a fresh PostgreSQL database.</summary>
public sealed class ValidatePushTaskTests_Postgres() : ValidatePushTaskTests(StoreKind.Postgres);
