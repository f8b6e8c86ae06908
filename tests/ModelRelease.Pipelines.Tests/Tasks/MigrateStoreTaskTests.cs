using System.Security.Cryptography;
using ModelRelease.Cake;
using ModelRelease.Testing;
using Npgsql;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>
/// MigrateStore through the real host against a real PostgreSQL: the Demo's registry moved into PostgreSQL and back into
/// a new SQLite file reads the same everywhere, a dry run changes nothing, a non-empty target is refused, and the
/// connection string's password is never printed.
/// </summary>
public sealed class MigrateStoreTaskTests : IDisposable
{
    private readonly ReleaseHost _host = new();

    public void Dispose() => _host.Dispose();

    private static string Password => PostgresServer.Shared.Password;

    private HostRun Run(params string[] args)
    {
        var run = _host.Run(args);
        Assert.False(string.IsNullOrEmpty(Password));
        Assert.DoesNotContain(Password, run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, run.Error, StringComparison.Ordinal);
        return run;
    }

    private (string Status, string History) Read(string root, string registry)
    {
        var status = Run("--target=Status", $"--root={root}", $"--registry={registry}", "--all", "--format=json");
        var history = Run("--target=History", $"--root={root}", $"--registry={registry}", "--limit=1000", "--format=json");
        status.AssertExit(0);
        history.AssertExit(0);
        return (status.Out, history.Out);
    }

    [Fact]
    public void Should_Read_The_Same_Status_And_History_After_Moving_The_Demo_Registry_To_PostgreSQL_And_Back()
    {
        // Given the Demo's registry: seven versions, label moves, a rolled-back and a promoted canary, analysis runs, a prune
        _host.Run("--target=Demo", "--root=demo").AssertExit(0);
        var root = Path.Combine("demo", "serving_model");
        var sqlite = Path.Combine(_host.WorkDirectory, root, "registry.db");
        var original = Read(root, sqlite);
        var postgres = PostgresServer.Shared.CreateDatabase() + ";Search Path=team_a";
        var back = Path.Combine(_host.WorkDirectory, "moved", "registry.db");

        // When it moves into PostgreSQL
        var there = Run("--target=MigrateStore", $"--root={root}", $"--registry={sqlite}", $"--to-registry={postgres}");

        // Then every table was copied and verified, the root reads the same through PostgreSQL and refuses the old store
        there.AssertExit(0);
        Assert.Matches(@"events\s+copied\s+\d+ rows\s+digest [0-9a-f]{16}", there.Out);
        Assert.Contains("Migrated", there.Out, StringComparison.Ordinal);
        Assert.Equal(original, Read(root, postgres));
        var refused = Run("--target=Status", $"--root={root}", $"--registry={sqlite}");
        refused.AssertExit(1);
        Assert.True(File.Exists(sqlite));

        // When it moves back into a new SQLite file, it reads the same again
        var home = Run("--target=MigrateStore", $"--root={root}", $"--registry={postgres}", $"--to-registry={back}");
        home.AssertExit(0);
        Assert.Equal(original, Read(root, back));
        // Every table came back with the digest it left with, except the root's binding: each move gives the root a new id
        Assert.Equal(Digests(there.Out).Where(l => !l.StartsWith("registry_root", StringComparison.Ordinal)), Digests(home.Out).Where(l => !l.StartsWith("registry_root", StringComparison.Ordinal)));
        Assert.Equal(10, Digests(home.Out).Count);

        // And the root is clean with its new store, which records no password anywhere
        Run("--target=Verify", $"--root={root}", $"--registry={back}").AssertExit(0);
        Assert.DoesNotContain(Password, File.ReadAllText(back), StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Print_The_Counts_And_Change_Nothing_In_A_Dry_Run()
    {
        _host.Push("v1");
        _host.Push("v2");
        var postgres = PostgresServer.Shared.CreateDatabase();
        var before = Snapshot(postgres);

        var run = Run("--target=MigrateStore", $"--to-registry={postgres}", "--dryrun");

        run.AssertExit(0);
        Assert.Matches(@"versions\s+would copy\s+2 rows", run.Out);
        Assert.Equal(before, Snapshot(postgres));
    }

    [Fact]
    public void Should_Refuse_A_Target_That_Is_Not_Empty_And_Change_Nothing()
    {
        _host.Push("v1");
        var postgres = PostgresServer.Shared.CreateDatabase();
        Run("--target=MigrateStore", $"--to-registry={postgres}").AssertExit(0);
        var other = Path.Combine(_host.WorkDirectory, "other");
        Run("--target=Push", "--model=mnist", $"--root={other}", $"--artifact={_host.Artifact("x")}", ReleaseHost.Metrics(0.9, 50)).AssertExit(0);
        var before = Snapshot(postgres);

        var run = Run("--target=MigrateStore", $"--registry={postgres}", $"--to-registry={Path.Combine(other, "registry.db")}");

        run.AssertExit(1);
        Assert.Contains("is not empty (it holds 1 models, 1 versions", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(postgres));
    }

    [Fact]
    public void Should_Ask_For_The_Target_Store()
    {
        _host.Push("v1");

        var run = Run("--target=MigrateStore");

        run.AssertExit(ExitCodes.UsageError);
        Assert.Contains("MigrateStore needs --to-registry=<store>", run.Error, StringComparison.Ordinal);
    }

    private static List<string> Digests(string output) =>
        output.Split('\n').Where(l => l.Contains(" digest ", StringComparison.Ordinal)).Select(l => l.Replace("would copy", "copied", StringComparison.Ordinal).Trim()).ToList();

    /// <summary>Every file under the work directory with its bytes' hash, and the PostgreSQL database's tables and rows.</summary>
    private string Snapshot(string postgres)
    {
        var files = Directory.EnumerateFileSystemEntries(_host.WorkDirectory, "*", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => File.Exists(p) ? $"{p} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p)))}" : p);
        using var connection = new NpgsqlConnection(postgres);
        connection.Open();
        var tables = new List<string>();
        using (var list = new NpgsqlCommand("SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1", connection))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var rows = tables.Select(table =>
        {
            using var count = new NpgsqlCommand($"SELECT COUNT(*) FROM {table}", connection);
            return $"{table}={count.ExecuteScalar()}";
        });
        return string.Join("\n", files.Concat(rows));
    }
}
