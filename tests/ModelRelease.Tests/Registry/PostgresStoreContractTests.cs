using Dapper;
using ModelRelease.Internal.Sql;
using Npgsql;

namespace ModelRelease.Tests.Registry;

/// <summary>The store contract against a fresh database of the test PostgreSQL server.</summary>
public sealed class PostgresStoreContractTests() : MetadataStoreContract(StoreKind.Postgres)
{
    protected override IMetadataStore CreateStore(TimeSpan? busyTimeout = null) =>
        new PostgresMetadataStore(Scenario.Registry, PostgresSchemaMigrations.All, busyTimeout);

    protected override void RawExecute(string sql)
    {
        using var connection = Raw();
        connection.Execute(sql);
    }

    protected override long RawCount(string table)
    {
        using var connection = Raw();
        return connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}");
    }

    protected override bool StoreExists()
    {
        using var connection = new NpgsqlConnection(Scenario.Registry);
        connection.Open();
        return connection.ExecuteScalar<bool>("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'modelrelease')");
    }

    private NpgsqlConnection Raw()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Scenario.Registry) { SearchPath = "modelrelease" }.ConnectionString);
        connection.Open();
        return connection;
    }
}
