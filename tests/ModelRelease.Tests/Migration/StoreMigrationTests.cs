using Dapper;
using ModelRelease.Internal;
using ModelRelease.Internal.Sql;
using ModelRelease.Testing;
using ModelRelease.Tests.Registry;
using Npgsql;

namespace ModelRelease.Tests.Migration;

/// <summary>
/// Store-to-store migration against a real PostgreSQL: rows keep their ids, a copy that does not read back the same is
/// rolled back whole, a non-empty target is refused, and the new store takes new rows after the copied ids.
/// </summary>
public sealed class StoreMigrationTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private void Lifecycle()
    {
        _scenario.Push("a", name: "v1");
        _scenario.Push("b", name: "v2");
        using var registry = _scenario.Open();
        registry.SetLabel("mnist", LabelNames.Stable, "v1");
        registry.SetLabel("mnist", LabelNames.Stable, "v2");
        registry.SetLabel("mnist", LabelNames.Golden, "v1");
    }

    [Fact]
    public void Should_Roll_Back_The_Whole_Copy_When_A_Table_Does_Not_Read_Back_The_Same()
    {
        Lifecycle();
        var target = PostgresServer.Shared.CreateDatabase();
        var marker = File.ReadAllText(_scenario.Layout.RootMarkerPath);
        StoreCopier.BeforeVerify.Value = (connection, transaction) =>
            connection.Execute("UPDATE versions SET dataset_version = 'tampered' WHERE name = 'v1'", transaction: transaction);
        try
        {
            using var registry = _scenario.Open();
            using var store = MetadataStores.Open(target);

            var error = Assert.Throws<RegistryException>(() => registry.MigrateStore(store));

            Assert.Contains("versions: digest", error.Message, StringComparison.Ordinal);
            Assert.Contains("rolled back", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            StoreCopier.BeforeVerify.Value = null;
        }

        // Nothing of the copy committed, not even the schema; the root still trusts its old store, which still reads.
        using (var connection = new NpgsqlConnection(target))
        {
            Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'modelrelease'"));
        }

        Assert.Equal(marker, File.ReadAllText(_scenario.Layout.RootMarkerPath));
        using var old = _scenario.Open();
        Assert.Equal("v2", old.VersionAt("mnist", LabelNames.Stable)!.Name);
    }

    [Fact]
    public void Should_Keep_Ids_And_Take_New_Rows_After_Them_In_The_New_Store()
    {
        Lifecycle();
        var target = PostgresServer.Shared.CreateDatabase();
        using (var registry = _scenario.Open())
        using (var store = MetadataStores.Open(target))
        {
            var result = registry.MigrateStore(store);

            Assert.Equal(StoreTable.All.Select(t => t.Name), result.Tables.Select(t => t.Table));
            Assert.Equal(2, result.Tables.Single(t => t.Table == "versions").Rows);
            Assert.NotNull(result.RootId);
        }

        long[] EventIds(IMetadataStore store)
        {
            using var reader = (SqlMetadataSession)store.Read();
            var (connection, transaction, _) = reader.Raw;
            return connection.Query<long>("SELECT id FROM events ORDER BY id", transaction: transaction).ToArray();
        }

        using var sqlite = new SqliteMetadataStore(_scenario.RegistryPath);
        using var postgres = MetadataStores.Open(target);
        Assert.Equal(EventIds(sqlite), EventIds(postgres));

        // The root now trusts the new store: a push through it takes the next id, and the old store is refused.
        using var moved = new ModelRegistry(_scenario.Root, MetadataStores.Open(target), new RegistryOptions { Clock = _scenario.Clock });
        _scenario.Clock.Advance(TimeSpan.FromMinutes(5));
        moved.Push(_scenario.Request("c") with { VersionName = "v3" });
        Assert.Equal(EventIds(sqlite).Max() + 1, EventIds(postgres).Where(id => !EventIds(sqlite).Contains(id)).Min());
        using var old = _scenario.Open();
        Assert.Throws<RegistryException>(() => old.CheckRoot());
    }

    [Fact]
    public void Should_Refuse_A_Target_That_Holds_Rows_And_Name_What_It_Holds()
    {
        Lifecycle();
        var target = PostgresServer.Shared.CreateDatabase();
        using (var registry = _scenario.Open())
        using (var store = MetadataStores.Open(target))
        {
            registry.MigrateStore(store);
        }

        // Migrating again (the root's store is the PostgreSQL one now) into a SQLite file that is itself a registry.
        using var back = new ModelRegistry(_scenario.Root, MetadataStores.Open(target), new RegistryOptions { Clock = _scenario.Clock });
        using var full = new SqliteMetadataStore(_scenario.RegistryPath);
        var before = File.ReadAllBytes(_scenario.RegistryPath);

        var error = Assert.Throws<RegistryException>(() => back.MigrateStore(full));

        Assert.Contains("is not empty (it holds 1 models, 2 versions", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_scenario.RegistryPath));
    }

    [Fact]
    public void Should_Refuse_A_Source_An_Older_ModelRelease_Wrote_Without_Upgrading_It()
    {
        // Given a store at schema 5, as the ModelRelease before the CI workflow columns left it
        var path = Path.Combine(_scenario.WorkDirectory, "old.db");
        using (var old = new SqliteMetadataStore(path, SchemaMigrations.All.Take(5).ToList()))
        using (var writer = old.Write())
        {
            writer.BindRoot(new RootBinding(RootMarker.NewId(), _scenario.Root, RegistryScenario.Start));
            writer.Commit();
        }

        var before = File.ReadAllBytes(path);
        using var source = new SqliteMetadataStore(path);
        using var target = new SqliteMetadataStore(Path.Combine(_scenario.WorkDirectory, "new.db"));

        var error = Assert.Throws<RegistryException>(() => StoreMigration.Run(source, target));

        Assert.Contains("has schema version 5, older than this ModelRelease's 6", error.Message, StringComparison.Ordinal);
        Assert.Contains("run any task that writes it", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.False(File.Exists(Path.Combine(_scenario.WorkDirectory, "new.db")));
    }

    [Fact]
    public void Should_Move_A_Root_Between_Two_Schemas_Of_One_Database()
    {
        Lifecycle();
        var database = PostgresServer.Shared.CreateDatabase();
        var first = database + ";Search Path=team_a";
        var second = database + ";Search Path=team_b";
        using (var registry = _scenario.Open())
        using (var store = MetadataStores.Open(first))
        {
            registry.MigrateStore(store);
        }

        using (var registry = new ModelRegistry(_scenario.Root, MetadataStores.Open(first), new RegistryOptions { Clock = _scenario.Clock }))
        using (var store = MetadataStores.Open(second))
        {
            var result = registry.MigrateStore(store);
            Assert.Equal(2, result.Tables.Single(t => t.Table == "labels").Rows);   // stable and golden
        }

        using var moved = new ModelRegistry(_scenario.Root, MetadataStores.Open(second), new RegistryOptions { Clock = _scenario.Clock });
        Assert.Equal("v2", moved.VersionAt("mnist", LabelNames.Stable)!.Name);
        Assert.Equal("v1", moved.VersionAt("mnist", LabelNames.Golden)!.Name);
        using var left = new ModelRegistry(_scenario.Root, MetadataStores.Open(first), new RegistryOptions { Clock = _scenario.Clock });
        Assert.Throws<RegistryException>(() => left.CheckRoot());
    }

    [Fact]
    public void Should_Spell_Json_The_Same_Whatever_Key_Order_And_Number_Form()
    {
        Assert.Equal(CanonicalJson.Write("""{"b": 1.0, "a": ["x", {"d": 1e2, "c": "\u00e9"}]}"""), CanonicalJson.Write("""{"a":["x",{"c":"é","d":100}],"b":1}"""));
        Assert.NotEqual(CanonicalJson.Write("""{"a": 1}"""), CanonicalJson.Write("""{"a": 2}"""));
    }
}
