namespace ModelRelease.Tests.Registry;

/// <summary>The kill tests against a fresh PostgreSQL database.</summary>
public sealed class ProcessKillTests_Postgres() : ProcessKillTests(StoreKind.Postgres);
