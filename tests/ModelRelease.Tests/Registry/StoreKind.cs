namespace ModelRelease.Tests.Registry;

/// <summary>Which metadata store a test runs against: a SQLite file in the temp root, or a fresh PostgreSQL database.</summary>
public enum StoreKind
{
    Sqlite,
    Postgres,
}
