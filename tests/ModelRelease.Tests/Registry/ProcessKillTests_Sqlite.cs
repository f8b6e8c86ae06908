namespace ModelRelease.Tests.Registry;

/// <summary>The kill tests against a SQLite file in the root.</summary>
public sealed class ProcessKillTests_Sqlite() : ProcessKillTests(StoreKind.Sqlite);
