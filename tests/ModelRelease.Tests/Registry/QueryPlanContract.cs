using System.Data.Common;
using System.Text.RegularExpressions;
using ModelRelease.Internal.Sql;

namespace ModelRelease.Tests.Registry;

/// <summary>
/// Every statement a release step runs is served by an index, in each store: the statements are recorded while the
/// step runs on a registry with history (three models: pushes, label moves, a prune), then replayed under the
/// store's EXPLAIN, and no plan may scan a table that grows with the registry's history.
/// </summary>
public abstract class QueryPlanContract : IDisposable
{
    protected QueryPlanContract(StoreKind kind)
    {
        Scenario = new RegistryScenario(kind);
        foreach (var model in new[] { "fraud", "mnist", "spam" })
        {
            using var registry = Scenario.Open();
            var versions = Enumerable.Range(1, 5).Select(i => PushBlessed(registry, $"{model}-{i}", model)).ToList();
            var manager = new ReleaseManager(registry);
            manager.Apply(manager.PlanPromote(model, versions[0].Name));
            manager.Apply(manager.PlanPromote(model, versions[3].Name));
            manager.Apply(manager.PlanCanary(model, versions[4].Name, 10));
            registry.SetLabel(model, LabelNames.Golden, versions[0].Name);
            registry.Prune(model, keep: 1);
        }
    }

    protected RegistryScenario Scenario { get; }

    public void Dispose()
    {
        Scenario.Dispose();
        GC.SuppressFinalize(this);
    }

    public static TheoryData<string> Steps => ["rollback", "promote", "canary", "push", "prune", "status", "history"];

    [Theory]
    [MemberData(nameof(Steps))]
    public void Should_Serve_Every_Statement_Of_A_Step_From_An_Index(string step)
    {
        var statements = Record(() => Run(step));

        Assert.NotEmpty(statements);
        CheckRendered(statements);
        using var connection = OpenConnection();
        var scans = statements
            .Where(statement => !IsBoundedByLimit(statement.Sql))
            .SelectMany(statement => Plan(connection, statement.Sql, statement.Parameters)
                .Where(IsGrowingTableScan)
                .Select(line => $"{line.Trim()} in: {Regex.Replace(statement.Sql, @"\s+", " ")}"))
            .Distinct()
            .ToList();
        Assert.True(scans.Count == 0, $"{step} scans a table that grows with history:\n{string.Join("\n", scans)}");
    }

    /// <summary>A connection to the scenario's store, for replaying statements under EXPLAIN.</summary>
    protected abstract DbConnection OpenConnection();

    /// <summary>The plan of one statement, a line per step of it.</summary>
    protected abstract IReadOnlyList<string> Plan(DbConnection connection, string sql, object? parameters);

    /// <summary>True when a plan line reads a whole table (or index) that grows with every push, move and run.</summary>
    protected abstract bool IsGrowingTableScan(string planLine);

    /// <summary>Checks the statements were recorded as the store's dialect runs them.</summary>
    protected virtual void CheckRendered(IReadOnlyList<(string Sql, object? Parameters)> statements)
    {
    }

    private void Run(string step)
    {
        using var registry = Scenario.Open();
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
        var version = registry.Push(Scenario.Request(seed, model) with { Blessing = Blessing.Blessed }).Version;
        Scenario.Clock.Advance(TimeSpan.FromMinutes(1));
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

    /// <summary>The newest N rows of the whole log, unfiltered: a scan in id order that stops after N rows.</summary>
    private static bool IsBoundedByLimit(string sql) =>
        !sql.Contains("WHERE", StringComparison.Ordinal) && sql.Contains("ORDER BY e.id DESC", StringComparison.Ordinal) && sql.Contains("LIMIT", StringComparison.Ordinal);
}
