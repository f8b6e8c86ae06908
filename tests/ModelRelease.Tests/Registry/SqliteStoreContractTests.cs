using Dapper;
using Microsoft.Data.Sqlite;
using ModelRelease.Internal.Sql;

namespace ModelRelease.Tests.Registry;

/// <summary>The store contract against a SQLite file.</summary>
public sealed class SqliteStoreContractTests() : MetadataStoreContract(StoreKind.Sqlite)
{
    protected override IMetadataStore CreateStore(TimeSpan? busyTimeout = null) =>
        new SqliteMetadataStore(Scenario.RegistryPath, SchemaMigrations.All, busyTimeout);

    protected override void RawExecute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Scenario.RegistryPath};Pooling=False");
        connection.Open();
        connection.Execute(sql);
    }

    protected override long RawCount(string table)
    {
        using var connection = new SqliteConnection($"Data Source={Scenario.RegistryPath};Pooling=False");
        connection.Open();
        return connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}");
    }

    protected override bool StoreExists() => File.Exists(Scenario.RegistryPath);
}
