using Dapper;
using Microsoft.Data.Sqlite;
using ModelRelease.Internal.Sql;

namespace ModelRelease.Tests.Registry;

/// <summary>What only the SQLite store does (WAL, a file that is not a database, older schemas); what every store does is
/// in <see cref="MetadataStoreContract"/>, which runs for SQLite as <see cref="SqliteStoreContractTests"/>.</summary>
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
    public void Should_Refuse_A_Path_Ending_In_A_Separator_Without_Creating_The_Directory()
    {
        // Given a registry path that names a directory that does not exist yet
        var path = Path.Combine(_scenario.WorkDirectory, "stores") + Path.DirectorySeparatorChar;
        var store = new SqliteMetadataStore(path);

        // When a task reads it and another writes it
        var read = Assert.Throws<RegistryException>(() => store.Read());
        var write = Assert.Throws<RegistryException>(() => store.Write());

        // Then both are refused, naming the fix, and the directory was never made
        Assert.Contains("is a directory", read.Message);
        Assert.Contains(Path.Combine(path, "registry.db"), write.Message);
        Assert.False(Directory.Exists(path));
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
}
