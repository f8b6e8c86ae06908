namespace ModelRelease.Tests.Registry;

/// <summary>The in-process concurrency tests against a fresh PostgreSQL database.</summary>
public sealed class ConcurrencyTests_Postgres() : ConcurrencyTests(StoreKind.Postgres);
