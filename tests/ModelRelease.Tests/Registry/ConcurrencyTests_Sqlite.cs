namespace ModelRelease.Tests.Registry;

/// <summary>The in-process concurrency tests against a SQLite file in the root.</summary>
public sealed class ConcurrencyTests_Sqlite() : ConcurrencyTests(StoreKind.Sqlite);
