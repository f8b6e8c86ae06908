using System.Text.RegularExpressions;
using Dapper;
using ModelRelease.Internal.Sql;
using Npgsql;

namespace ModelRelease.Tests.Registry;

/// <summary>
/// <see cref="QueryPlanTests"/> for PostgreSQL: every statement a release step runs, as the PostgreSQL dialect renders
/// it, is replayed under EXPLAIN with sequential scans priced out (<c>enable_seqscan = off</c>, since a test-sized
/// table is cheaper to scan than to seek), so a plan that still scans a growing table has no index that serves it.
/// </summary>
public sealed partial class PostgresQueryPlanTests : IDisposable
{
    private readonly RegistryScenario _scenario = new(StoreKind.Postgres);

    public PostgresQueryPlanTests()
    {
        foreach (var model in new[] { "fraud", "mnist", "spam" })
        {
            using var registry = _scenario.Open();
            var versions = Enumerable.Range(1, 5).Select(i => PushBlessed(registry, $"{model}-{i}", model)).ToList();
            var manager = new ReleaseManager(registry);
            manager.Apply(manager.PlanPromote(model, versions[0].Name));
            manager.Apply(manager.PlanPromote(model, versions[3].Name));
            manager.Apply(manager.PlanCanary(model, versions[4].Name, 10));
            registry.SetLabel(model, LabelNames.Golden, versions[0].Name);
            registry.Prune(model, keep: 1);
        }
    }

    public void Dispose() => _scenario.Dispose();

    public static TheoryData<string> Steps => ["rollback", "promote", "canary", "push", "prune", "status", "history"];

    [Theory]
    [MemberData(nameof(Steps))]
    public void Should_Serve_Every_Statement_Of_A_Step_From_An_Index(string step)
    {
        var statements = Record(() => Run(step));

        Assert.NotEmpty(statements);
        Assert.Contains(statements, s => s.Sql.Contains("CAST(@", StringComparison.Ordinal) || s.Sql.Contains("to_char(", StringComparison.Ordinal));
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_scenario.Registry) { SearchPath = "modelrelease" }.ConnectionString);
        connection.Open();
        var scans = statements
            .Where(statement => !IsBoundedByLimit(statement.Sql))
            .SelectMany(statement => Plan(connection, statement.Sql, statement.Parameters)
                .Where(line => GrowingTableScan().IsMatch(line))
                .Select(line => $"{line.Trim()} in: {Regex.Replace(statement.Sql, @"\s+", " ")}"))
            .Distinct()
            .ToList();
        Assert.True(scans.Count == 0, $"{step} scans a table that grows with history:\n{string.Join("\n", scans)}");
    }

    [Fact]
    public void Should_See_A_Scan_Where_No_Index_Serves_The_Filter()
    {
        // The check above could not fail if plans never showed scans: a filter on an unindexed column must.
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_scenario.Registry) { SearchPath = "modelrelease" }.ConnectionString);
        connection.Open();

        Assert.Contains(Plan(connection, "SELECT e.id FROM events e WHERE e.reason = @reason", new { reason = "x" }), line => GrowingTableScan().IsMatch(line));
    }

    private void Run(string step)
    {
        using var registry = _scenario.Open();
        var manager = new ReleaseManager(registry);
        switch (step)
        {
            case "rollback":
                manager.Apply(manager.PlanRollback("mnist", ReleaseManager.Previous));
                break;
            case "promote":
                manager.Apply(manager.PlanPromote("mnist", version: null));
                break;
            case "canary":
                manager.Apply(manager.PlanCanary("mnist", version: registry.Versions("mnist", VersionQuery.Live)[^1].Name, 20));
                break;
            case "push":
                PushBlessed(registry, "mnist-new", "mnist");
                break;
            case "prune":
                registry.Prune("mnist", keep: 0);
                break;
            case "status":
                registry.Overview("mnist", new VersionQuery(IncludePruned: false, Newest: 20));
                registry.Overview(null, VersionQuery.All);
                break;
            case "history":
                var page = registry.History(new EventQuery(Model: "mnist", Newest: 3));
                registry.History(new EventQuery(Model: "mnist", Newest: 3, Before: page[0].Id));
                registry.History(new EventQuery(Since: RegistryScenario.Start.AddMinutes(5), Newest: 100));
                registry.History(new EventQuery(Model: "mnist", Label: LabelNames.Stable, Newest: 100));
                registry.History(new EventQuery(Model: "mnist", Kinds: [EventKind.Promote, EventKind.Rollback], Newest: 100));
                registry.History(new EventQuery(Newest: 100));
                break;
        }
    }

    private ModelVersion PushBlessed(ModelRegistry registry, string seed, string model)
    {
        var version = registry.Push(_scenario.Request(seed, model) with { Blessing = Blessing.Blessed }).Version;
        _scenario.Clock.Advance(TimeSpan.FromMinutes(1));
        return version;
    }

    private static List<(string Sql, object? Parameters)> Record(Action step)
    {
        var recorded = new List<(string Sql, object? Parameters)>();
        SqlMetadataSession.Recorder.Value = recorded;
        try
        {
            step();
        }
        finally
        {
            SqlMetadataSession.Recorder.Value = null;
        }

        return recorded.DistinctBy(statement => statement.Sql + "\u0000" + System.Text.Json.JsonSerializer.Serialize(statement.Parameters)).ToList();
    }

    private static List<string> Plan(NpgsqlConnection connection, string sql, object? parameters)
    {
        // EXPLAIN without ANALYZE runs nothing; the transaction keeps the setting to this one plan.
        using var transaction = connection.BeginTransaction();
        connection.Execute("SET LOCAL enable_seqscan = off", transaction: transaction);
        return connection.Query<string>("EXPLAIN " + sql, parameters, transaction).ToList();
    }

    private static bool IsBoundedByLimit(string sql) =>
        !sql.Contains("WHERE", StringComparison.Ordinal) && sql.Contains("ORDER BY e.id DESC", StringComparison.Ordinal) && sql.Contains("LIMIT", StringComparison.Ordinal);

    /// <summary>A sequential scan of a table whose rows accumulate with every push, move and run.</summary>
    [GeneratedRegex(@"Seq Scan on (versions|events|executions|execution_links|analysis_runs|analysis_measurements|version_images)\b")]
    private static partial Regex GrowingTableScan();
}
