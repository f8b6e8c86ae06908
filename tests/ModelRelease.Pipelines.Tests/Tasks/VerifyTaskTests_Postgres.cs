using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="VerifyTaskTests"/> on a fresh PostgreSQL database.</summary>
public sealed class VerifyTaskTests_Postgres() : VerifyTaskTests(StoreKind.Postgres);
