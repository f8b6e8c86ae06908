using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ModelRelease.Tests.Registry;

/// <summary><see cref="QueryPlanContract"/> for SQLite: each statement replayed under EXPLAIN QUERY PLAN.</summary>
public sealed partial class QueryPlanTests() : QueryPlanContract(StoreKind.Sqlite)
{
    protected override DbConnection OpenConnection()
    {
        var connection = new SqliteConnection($"Data Source={Scenario.RegistryPath};Pooling=False");
        connection.Open();
        return connection;
    }

    protected override IReadOnlyList<string> Plan(DbConnection connection, string sql, object? parameters)
    {
        using var reader = connection.ExecuteReader("EXPLAIN QUERY PLAN " + sql, parameters);
        var details = new List<string>();
        while (reader.Read())
        {
            details.Add(reader.GetString(3));
        }

        return details;
    }

    protected override bool IsGrowingTableScan(string planLine) => GrowingTableScan().IsMatch(planLine);

    /// <summary>
    /// A full scan (of the table or of an index) of a table whose rows accumulate with every push, move and run; or a
    /// "SEARCH" that names no key or index, which is how SQLite shows MIN(id) walking the table in id order until a
    /// row matches (ids are not in time order, so that can be most of the log).
    /// </summary>
    [GeneratedRegex(@"^(SCAN (versions|events|executions|execution_links|analysis_runs|analysis_measurements|v|e|t|x|k|r|c|s)\b|SEARCH \w+$)")]
    private static partial Regex GrowingTableScan();
}
