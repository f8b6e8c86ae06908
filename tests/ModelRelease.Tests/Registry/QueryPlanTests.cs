using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using ModelRelease.Internal.Sql;

namespace ModelRelease.Tests.Registry;

/// <summary>
/// Every statement a release step runs is served by an index: each one is recorded while the step runs, then replayed
/// under EXPLAIN QUERY PLAN, and none may scan a table that grows with the registry's history.
/// </summary>
public sealed partial class QueryPlanTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public QueryPlanTests()
    {
        // Three models with history: pushes, label moves, a prune, so every table has rows of several models.
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
        using var connection = new SqliteConnection($"Data Source={_scenario.RegistryPath};Pooling=False");
        connection.Open();
        var scans = statements
            .Where(statement => !IsBoundedByLimit(statement.Sql))
            .SelectMany(statement => Plan(connection, statement.Sql, statement.Parameters)
                .Where(detail => GrowingTableScan().IsMatch(detail))
                .Select(detail => $"{detail} in: {Regex.Replace(statement.Sql, @"\s+", " ")}"))
            .Distinct()
            .ToList();
        Assert.True(scans.Count == 0, $"{step} scans a table that grows with history:\n{string.Join("\n", scans)}");
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

    private static List<string> Plan(SqliteConnection connection, string sql, object? parameters)
    {
        using var reader = connection.ExecuteReader("EXPLAIN QUERY PLAN " + sql, parameters);
        var details = new List<string>();
        while (reader.Read())
        {
            details.Add(reader.GetString(3));
        }

        return details;
    }

    /// <summary>The newest N rows of the whole log, unfiltered: a scan in id order that stops after N rows.</summary>
    private static bool IsBoundedByLimit(string sql) =>
        !sql.Contains("WHERE", StringComparison.Ordinal) && sql.Contains("ORDER BY e.id DESC", StringComparison.Ordinal) && sql.Contains("LIMIT", StringComparison.Ordinal);

    /// <summary>
    /// A full scan (of the table or of an index) of a table whose rows accumulate with every push, move and run; or a
    /// "SEARCH" that names no key or index, which is how SQLite shows MIN(id) walking the table in id order until a
    /// row matches (ids are not in time order, so that can be most of the log).
    /// </summary>
    [GeneratedRegex(@"^(SCAN (versions|events|executions|execution_links|analysis_runs|analysis_measurements|v|e|t|x|k|r|c|s)\b|SEARCH \w+$)")]
    private static partial Regex GrowingTableScan();
}
