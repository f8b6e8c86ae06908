using System.Collections;

namespace ModelRelease.Internal.Sql;

/// <summary>
/// The named values of one statement, in the order given: <c>new SqlParameters { { "model", model }, { "id", id } }</c>.
/// An explicit list instead of an anonymous object, because reading an anonymous object's properties takes reflection
/// or emitted IL, which the JIT compiles on every start; this list is plain code, precompiled with the library.
/// </summary>
/// <remarks>
/// A value is null (bound as DBNull), a string, a number, a bool, or a list of strings for a <c>{in:@list}</c>
/// placeholder. The list is also the form <see cref="SqlMetadataSession.Recorder"/> records, a sequence of name/value
/// pairs that a test can bind again to replay the statement.
/// </remarks>
internal sealed class SqlParameters : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _values;

    public SqlParameters()
        : this(4)
    {
    }

    private SqlParameters(int capacity) => _values = new List<KeyValuePair<string, object?>>(capacity);

    /// <summary>Adds <paramref name="name"/> (without its '@') with <paramref name="value"/>; for collection initialisers.</summary>
    public void Add(string name, object? value) => _values.Add(new KeyValuePair<string, object?>(name, value));

    /// <summary>
    /// What binding this list to <paramref name="sql"/> really sends: only the names the statement mentions (a statement
    /// built with optional filters leaves some out, and a database may refuse a value it has no place for), and, when
    /// <paramref name="expandLists"/>, each list spelled out as one parameter per item, since SQLite has no array
    /// parameter: <c>IN @kinds</c> becomes <c>IN (@kinds1,@kinds2)</c>, and an empty list
    /// <c>IN (SELECT @kinds WHERE 1 = 0)</c> with a null <c>@kinds</c>, which matches nothing.
    /// </summary>
    public (string Sql, SqlParameters Parameters) BindTo(string sql, bool expandLists)
    {
        var bound = new SqlParameters(_values.Count);
        foreach (var (name, value) in _values)
        {
            var at = Mention(sql, name, 0);
            if (at < 0)
            {
                continue;
            }

            if (!expandLists || value is not IReadOnlyList<string> list)
            {
                bound.Add(name, value);
                continue;
            }

            string spelled;
            if (list.Count == 0)
            {
                spelled = $"(SELECT @{name} WHERE 1 = 0)";
                bound.Add(name, null);
            }
            else
            {
                var names = new string[list.Count];
                for (var i = 0; i < list.Count; i++)
                {
                    names[i] = $"@{name}{i + 1}";
                    bound.Add($"{name}{i + 1}", list[i]);
                }

                spelled = "(" + string.Join(',', names) + ")";
            }

            // Every mention is spelled out; the search goes on after each replacement, which itself mentions @name.
            for (; at >= 0; at = Mention(sql, name, at + spelled.Length))
            {
                sql = string.Concat(sql.AsSpan(0, at), spelled, sql.AsSpan(at + 1 + name.Length));
            }
        }

        return (sql, bound);
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Where <c>@name</c> next stands in <paramref name="sql"/> from <paramref name="start"/> as a whole name (not the start of <c>@nameId</c>), or -1.</summary>
    private static int Mention(string sql, string name, int start)
    {
        for (var at = sql.IndexOf('@', start); at >= 0; at = sql.IndexOf('@', at + 1))
        {
            var end = at + 1 + name.Length;
            if (sql.AsSpan(at + 1).StartsWith(name, StringComparison.Ordinal) && (end == sql.Length || !IsNamePart(sql[end])))
            {
                return at;
            }
        }

        return -1;
    }

    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_';
}
