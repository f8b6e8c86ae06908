using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace ModelRelease.Tests.Registry;

/// <summary>
/// <see cref="QueryPlanContract"/> for PostgreSQL: every statement a release step runs, as the PostgreSQL dialect renders
/// it, is replayed under EXPLAIN with sequential scans priced out (<c>enable_seqscan = off</c>, since a test-sized
/// table is cheaper to scan than to seek), so a plan that still scans a growing table has no index that serves it.
/// </summary>
public sealed partial class PostgresQueryPlanTests() : QueryPlanContract(StoreKind.Postgres)
{
    [Fact]
    public void Should_See_A_Scan_Where_No_Index_Serves_The_Filter()
    {
        // The check above could not fail if plans never showed scans: a filter on an unindexed column must.
        using var connection = OpenConnection();

        Assert.Contains(Plan(connection, "SELECT e.id FROM events e WHERE e.reason = @reason", new { reason = "x" }), line => GrowingTableScan().IsMatch(line));
    }

    protected override DbConnection OpenConnection()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Scenario.Registry) { SearchPath = "modelrelease" }.ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>The statements carry the PostgreSQL dialect's casts, so the plans are those of what really runs.</summary>
    protected override void CheckRendered(IReadOnlyList<(string Sql, object? Parameters)> statements) =>
        Assert.Contains(statements, s => s.Sql.Contains("CAST(@", StringComparison.Ordinal) || s.Sql.Contains("to_char(", StringComparison.Ordinal));

    protected override IReadOnlyList<string> Plan(DbConnection connection, string sql, object? parameters)
    {
        // EXPLAIN without ANALYZE runs nothing; the transaction keeps the setting to this one plan.
        using var transaction = connection.BeginTransaction();
        connection.Execute("SET LOCAL enable_seqscan = off", transaction: transaction);
        return connection.Query<string>("EXPLAIN " + sql, parameters, transaction).ToList();
    }

    protected override bool IsGrowingTableScan(string planLine) => GrowingTableScan().IsMatch(planLine);

    /// <summary>A sequential scan of a table whose rows accumulate with every push, move and run.</summary>
    [GeneratedRegex(@"Seq Scan on (versions|events|executions|execution_links|analysis_runs|analysis_measurements|version_images)\b")]
    private static partial Regex GrowingTableScan();
}
