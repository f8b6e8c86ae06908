using System.Text.RegularExpressions;
using ModelRelease.Internal.Sql;

namespace ModelRelease.Tests.Registry;

/// <summary>
/// The typed placeholders of a statement, found by hand: checked against the regular expression they were found by
/// before, on fixed statements and on many random ones built from the pieces that matter.
/// </summary>
public sealed class SqlPlaceholderTests
{
    private static readonly Regex Placeholder = new(@"\{(time|json|jsontext|in):([@A-Za-z_][A-Za-z0-9_.]*)\}");

    /// <summary>What the SQLite dialect writes for each placeholder, applied through the regex.</summary>
    private static string Expected(string sql) =>
        Placeholder.Replace(sql, m => m.Groups[1].Value == "in" ? "IN " + m.Groups[2].Value : m.Groups[2].Value);

    [Theory]
    [InlineData("SELECT 1")]
    [InlineData("SELECT kind FROM t WHERE kind {in:@kinds} AND at > {time:@since}")]
    [InlineData("SELECT {time:e.at}, {json:metrics}, {jsontext:@p} FROM e")]
    [InlineData("{time:{in:@x}")]
    [InlineData("{jsonx:@a} {json :@a} {in:1a} {in:@} {in:@a.b_c9} {in:@a-b} {time:@a")]
    [InlineData("{}{{in:@a}}:{in:@b}{")]
    public void Should_Render_What_The_Regex_Rendered(string sql) =>
        Assert.Equal(Expected(sql), SqlDialect.Sqlite.RenderStatement(sql));

    [Fact]
    public void Should_Render_Random_Statements_As_The_Regex_Did()
    {
        string[] pieces = ["{", "}", ":", "@", "_", ".", "-", "a", "Z", "0", " ", "time", "json", "jsontext", "in", "{in:@a}", "{time:col.x}", "é"];
        var random = new Random(20261203);
        for (var i = 0; i < 20_000; i++)
        {
            var sql = string.Concat(Enumerable.Range(0, random.Next(1, 14)).Select(_ => pieces[random.Next(pieces.Length)]));
            Assert.True(Expected(sql) == SqlDialect.Sqlite.RenderStatement(sql), $"'{sql}'");
        }
    }

    [Fact]
    public void Should_Spell_Each_Placeholder_For_PostgreSQL()
    {
        Assert.Equal(
            "WHERE kind = ANY(@kinds) AND at > CAST(@since AS timestamptz) AND m = CAST(@m AS jsonb) AND t = CAST(@t AS json) AND c = CAST(col AS text)",
            SqlDialect.Postgres.RenderStatement("WHERE kind {in:@kinds} AND at > {time:@since} AND m = {json:@m} AND t = {jsontext:@t} AND c = {json:col}"));
    }
}
