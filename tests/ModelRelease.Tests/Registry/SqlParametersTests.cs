using ModelRelease.Internal.Sql;

namespace ModelRelease.Tests.Registry;

/// <summary>What a statement's parameters bind to: only the names it mentions, and lists spelled out where a database has no arrays.</summary>
public sealed class SqlParametersTests
{
    [Fact]
    public void Should_Bind_Only_The_Names_The_Statement_Mentions()
    {
        var parameters = new SqlParameters { { "model", "mnist" }, { "modelId", 7L }, { "newest", null } };

        var (sql, bound) = parameters.BindTo("SELECT 1 FROM models WHERE id = @modelId", expandLists: true);

        Assert.Equal("SELECT 1 FROM models WHERE id = @modelId", sql);
        Assert.Equal([new KeyValuePair<string, object?>("modelId", 7L)], bound);
    }

    [Fact]
    public void Should_Spell_Out_A_List_As_One_Parameter_Per_Item_When_Expanding()
    {
        var parameters = new SqlParameters { { "kinds", new List<string> { "push", "promote" } }, { "model", "mnist" } };

        var (sql, bound) = parameters.BindTo("SELECT 1 FROM events WHERE kind IN @kinds AND model = @model", expandLists: true);

        Assert.Equal("SELECT 1 FROM events WHERE kind IN (@kinds1,@kinds2) AND model = @model", sql);
        Assert.Equal(["kinds1", "kinds2", "model"], bound.Select(p => p.Key));
        Assert.Equal(["push", "promote", "mnist"], bound.Select(p => p.Value));
    }

    [Fact]
    public void Should_Make_An_Empty_List_Match_Nothing_When_Expanding()
    {
        var parameters = new SqlParameters { { "kinds", new List<string>() } };

        var (sql, bound) = parameters.BindTo("SELECT 1 FROM events WHERE kind IN @kinds", expandLists: true);

        Assert.Equal("SELECT 1 FROM events WHERE kind IN (SELECT @kinds WHERE 1 = 0)", sql);
        Assert.Null(Assert.Single(bound).Value);
    }

    [Fact]
    public void Should_Pass_A_List_As_One_Value_Where_The_Database_Has_Arrays()
    {
        var kinds = new List<string> { "push" };
        var parameters = new SqlParameters { { "kinds", kinds } };

        var (sql, bound) = parameters.BindTo("SELECT 1 FROM events WHERE kind = ANY(@kinds)", expandLists: false);

        Assert.Equal("SELECT 1 FROM events WHERE kind = ANY(@kinds)", sql);
        Assert.Same(kinds, Assert.Single(bound).Value);
    }

    [Fact]
    public void Should_Run_A_Bound_Statement_With_Nulls_And_Lists_On_Sqlite()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        SqlCommands.Execute(connection, null, "CREATE TABLE t (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, note TEXT)");
        foreach (var (kind, note) in new[] { ("push", (string?)null), ("promote", "x"), ("prune", null) })
        {
            SqlCommands.Execute(connection, null, "INSERT INTO t (kind, note) VALUES (@kind, @note)", new SqlParameters { { "kind", kind }, { "note", note } });
        }

        var (sql, bound) = new SqlParameters { { "kinds", new List<string> { "push", "prune" } } }
            .BindTo(SqlDialect.Sqlite.RenderStatement("SELECT kind, note, id FROM t WHERE kind {in:@kinds} ORDER BY id"), SqlDialect.Sqlite.ExpandsLists);
        var rows = SqlCommands.Query(connection, null, sql, bound, row => (row.Text("kind"), row.OptionalText("note"), row.OptionalLong(2)));

        Assert.Equal([("push", null, 1L), ("prune", null, 3L)], rows);
        Assert.Equal(3L, SqlCommands.Scalar(connection, null, "SELECT COUNT(*) FROM t"));
        Assert.Null(SqlCommands.Scalar(connection, null, "SELECT MAX(id) FROM t WHERE kind = 'none'"));
    }
}
