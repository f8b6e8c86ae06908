using Dapper;
using Microsoft.Data.Sqlite;
using ModelRelease.Internal.Sql;

namespace ModelRelease.Tests.Registry;

public sealed class SqliteMetadataStoreTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private SqliteConnection Raw()
    {
        var connection = new SqliteConnection($"Data Source={_scenario.RegistryPath};Pooling=False");
        connection.Open();
        return connection;
    }

    [Fact]
    public void Should_Read_A_Missing_Store_As_Empty_Without_Creating_It()
    {
        using var store = new SqliteMetadataStore(_scenario.RegistryPath);

        using (var reader = store.Read())
        {
            Assert.Empty(reader.Models());
            Assert.Empty(reader.Versions("mnist"));
            Assert.Empty(reader.Events(new EventQuery()));
        }

        Assert.False(File.Exists(_scenario.RegistryPath));
    }

    [Fact]
    public void Should_Use_Wal_And_Record_The_Schema_Version()
    {
        _scenario.Push("one");

        using var connection = Raw();
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(SchemaMigrations.Latest, connection.ExecuteScalar<int>("SELECT MAX(version) FROM schema_info"));
    }

    [Fact]
    public void Should_Refuse_A_Store_Written_By_A_Newer_ModelRelease()
    {
        // Given a store whose schema is newer than this build knows
        _scenario.Push("one");
        using (var connection = Raw())
        {
            connection.Execute("INSERT INTO schema_info (version, description, applied_at) VALUES (99, 'from the future', '2030-01-01T00:00:00.0000000Z')");
        }

        using var store = new SqliteMetadataStore(_scenario.RegistryPath);

        // Then reading and writing both refuse, naming both versions and the fix
        var read = Assert.Throws<RegistryException>(() => store.Read().Dispose());
        var write = Assert.Throws<RegistryException>(() => store.Write().Dispose());
        Assert.Contains("schema version 99", read.Message);
        Assert.Contains($"up to {SchemaMigrations.Latest}", read.Message);
        Assert.Contains("Upgrade ModelRelease", write.Message);
    }

    [Fact]
    public void Should_Refuse_A_File_That_Is_Not_A_Database()
    {
        Directory.CreateDirectory(_scenario.Root);
        File.WriteAllText(_scenario.RegistryPath, "this is a CSV, not a registry\n1,2,3\n");
        using var store = new SqliteMetadataStore(_scenario.RegistryPath);

        var error = Assert.Throws<RegistryException>(() => store.Write().Dispose());
        var read = Assert.Throws<RegistryException>(() => store.Read().Dispose());

        Assert.Contains("is not a ModelRelease registry", error.Message);
        Assert.Contains("is not a ModelRelease registry", read.Message);
        Assert.Equal("this is a CSV, not a registry\n1,2,3\n", File.ReadAllText(_scenario.RegistryPath));
    }

    [Fact]
    public void Should_Read_An_Older_Schema_As_It_Is_And_Upgrade_It_On_The_Next_Write()
    {
        // Given a store made by a build that knew only the first migration
        var first = SchemaMigrations.All.Take(1).ToList();
        using (var old = new SqliteMetadataStore(_scenario.RegistryPath, first))
        using (var writer = old.Write())
        {
            writer.Commit();
        }

        // When a build with one more migration reads it
        var next = first.Append(new SchemaMigration(2, "notes", ["CREATE TABLE notes (id {identity}, text TEXT NOT NULL)"])).ToList();
        var bytes = File.ReadAllBytes(_scenario.RegistryPath);
        using (var upgraded = new SqliteMetadataStore(_scenario.RegistryPath, next))
        using (var reader = upgraded.Read())
        {
            Assert.Empty(reader.Models());
            Assert.Null(reader.BoundRoot());
        }

        // Then the read left the store as it was (a read never upgrades)
        Assert.Equal(bytes, File.ReadAllBytes(_scenario.RegistryPath));

        // And the first write runs the new step once and records it
        using (var upgraded = new SqliteMetadataStore(_scenario.RegistryPath, next))
        using (var writer = upgraded.Write())
        {
            writer.Commit();
        }

        using var connection = Raw();
        Assert.Equal([1, 2], connection.Query<int>("SELECT version FROM schema_info ORDER BY version"));
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM notes"));
    }

    [Fact]
    public void Should_Keep_The_Audit_Log_Append_Only()
    {
        _scenario.Push("one");
        using var connection = Raw();

        var update = Assert.Throws<SqliteException>(() => connection.Execute("UPDATE events SET reason = 'rewritten'"));
        var delete = Assert.Throws<SqliteException>(() => connection.Execute("DELETE FROM events"));

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        Assert.Equal(1, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM events"));
    }

    [Fact]
    public void Should_Roll_Back_A_Writer_That_Is_Not_Committed()
    {
        var v1 = _scenario.Push("one");
        using var store = new SqliteMetadataStore(_scenario.RegistryPath);

        using (var writer = store.Write())
        {
            writer.SetLabel("mnist", LabelNames.Golden, v1.Name, null, RegistryScenario.Start);
            Assert.Single(writer.Labels("mnist"));
        }

        using var reader = store.Read();
        Assert.Empty(reader.Labels("mnist"));
    }

    [Fact]
    public async Task Should_Make_A_Second_Writer_Wait_For_The_First()
    {
        var v1 = _scenario.Push("one");
        using var store = new SqliteMetadataStore(_scenario.RegistryPath);
        var order = new List<string>();
        using var first = store.Write();

        // When a second writer starts while the first holds the lock
        var second = Task.Run(() =>
        {
            using var writer = new SqliteMetadataStore(_scenario.RegistryPath).Write();
            lock (order) { order.Add("second got the lock"); }
            writer.SetLabel("mnist", LabelNames.Golden, v1.Name, null, RegistryScenario.Start.AddMinutes(1));
            writer.Commit();
        });
        await Task.Delay(300);
        lock (order) { order.Add("first commits"); }
        first.SetLabel("mnist", LabelNames.Stable, v1.Name, null, RegistryScenario.Start);
        first.Commit();
        await second.WaitAsync(TimeSpan.FromSeconds(30));

        // Then it waited rather than failing, and both changes are there
        Assert.Equal(["first commits", "second got the lock"], order);
        using var reader = store.Read();
        Assert.Equal(["golden", "stable"], reader.Labels("mnist").Select(l => l.Label));
    }

    [Fact]
    public async Task Should_Give_Up_With_A_Clear_Message_When_Another_Writer_Holds_The_Lock_Too_Long()
    {
        // Given a writer that holds the lock
        _scenario.Push("one");
        using var holder = new SqliteMetadataStore(_scenario.RegistryPath).Write();
        var impatient = new SqliteMetadataStore(_scenario.RegistryPath, SchemaMigrations.All, TimeSpan.FromSeconds(1));

        // When a second writer with a 1 s busy timeout tries (guarded, so "waits forever" fails instead of hanging)
        var attempt = Task.Run(() => Record.Exception(() => impatient.Write().Dispose()));
        var error = await attempt.WaitAsync(TimeSpan.FromSeconds(30));

        // Then it waited and gave up with the store's name and what to do, not "database is locked"
        Assert.IsType<RegistryException>(error);
        Assert.Contains("stayed locked by another writer for 1 s", error.Message);
        Assert.Contains(_scenario.RegistryPath, error.Message);
    }
}
