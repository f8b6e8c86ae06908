using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace ModelRelease.Benchmarks;

/// <summary>
/// Read-only queries on a store with 200 versions and 2,000 stable-label events. The baseline is the least a
/// PreviousStable needs: open the file and read the last stable event's from_version with an indexed
/// ORDER BY id DESC LIMIT 1 (this SQL knows the schema; the registry API does not expose it).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MedianColumn]
public class QueryBenchmarks
{
    private string _work = null!;
    private ModelRegistry _registry = null!;
    private string _connectionString = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _work = BenchFixture.NewTempDirectory("query");
        var root = Path.Combine(_work, "root");
        _registry = ModelRegistry.Open(root, options: BenchFixture.Options());
        var versions = BenchFixture.PushTinyVersions(_registry, 200, _work);
        BenchFixture.SeedStableMoves(_registry, versions, 2000);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _registry.Store.Location,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        if (RawPreviousStable() != PreviousStable()?.Name)
        {
            throw new InvalidOperationException("The baseline query and PreviousStable disagree.");
        }
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _registry.Dispose();
        BenchFixture.Delete(_work);
    }

    [Benchmark(Baseline = true, Description = "Raw SQL: last stable event (LIMIT 1)")]
    public string? RawPreviousStable()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT e.from_version FROM events e JOIN models m ON m.id = e.model_id
            WHERE m.name = $model AND e.label = 'stable' ORDER BY e.id DESC LIMIT 1
            """;
        command.Parameters.AddWithValue("$model", BenchFixture.Model);
        return command.ExecuteScalar() as string;
    }

    [Benchmark(Description = "PreviousStable")]
    public ModelVersion? PreviousStable() => _registry.PreviousStable(BenchFixture.Model);

    [Benchmark(Description = "Versions(model), 200 rows")]
    public IReadOnlyList<ModelVersion> Versions() => _registry.Versions(BenchFixture.Model);

    [Benchmark(Description = "History(model), 2,200 events")]
    public IReadOnlyList<RegistryEvent> History() => _registry.History(new EventQuery(BenchFixture.Model));
}
