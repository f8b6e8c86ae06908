using System.Text;

namespace ModelRelease.Internal.Sql;

/// <summary>
/// The few places SQLite and PostgreSQL spell SQL differently. Statements that read and write rows are written once
/// (RETURNING, ON CONFLICT), with typed placeholders where PostgreSQL needs a type SQLite does not have:
/// <c>{time:@p}</c> / <c>{json:@p}</c> pass a text parameter into a timestamptz / JSON column, <c>{time:col}</c> /
/// <c>{json:col}</c> read such a column back as the text SQLite stores, and <c>{in:@list}</c> tests membership in a
/// list parameter. Values stay text in C# for both stores, so rows read the same from either.
/// </summary>
internal sealed class SqlDialect
{
    // Times as SQLite stores them (SqlValues.Time): fixed-width UTC text with 7 fractional digits. PostgreSQL keeps
    // microseconds, and SqlValues.Time truncates to them, so the 7th digit is always 0 in both stores.
    private const string PostgresTimeText = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"0Z\"'";

    private readonly Func<string, string, string> _placeholder;

    private SqlDialect(string name, string identity, IReadOnlyList<string> appendOnlyEvents, bool expandsLists, Func<string, string, string> placeholder)
    {
        Name = name;
        ExpandsLists = expandsLists;
        Identity = identity;
        AppendOnlyEvents = appendOnlyEvents;
        _placeholder = placeholder;
    }

    /// <summary>
    /// SQLite: rowid aliases; AUTOINCREMENT so an id is never reused after a rollback; values are text as written. It has
    /// no array parameter, so <c>{in:@list}</c> is <c>IN @list</c>, which <see cref="SqlParameters.BindTo"/> spells out
    /// as one parameter per item.
    /// </summary>
    public static SqlDialect Sqlite { get; } = new(
        "sqlite",
        "INTEGER PRIMARY KEY AUTOINCREMENT",
        [
            "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
            "CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
        ],
        expandsLists: true,
        (kind, operand) => kind == "in" ? "IN " + operand : operand);

    /// <summary>
    /// PostgreSQL: identity columns; text parameters cast into timestamptz/JSON, and those read back as text; a list
    /// goes to Npgsql as one array parameter, so membership is <c>= ANY</c>.
    /// </summary>
    public static SqlDialect Postgres { get; } = new(
        "postgres",
        "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
        [
            """
            CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'restrict_violation';
            END
            $$
            """,
            "CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_append_only()",
            "CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION events_append_only()",
        ],
        expandsLists: false,
        (kind, operand) => (kind, operand.StartsWith('@')) switch
        {
            ("in", _) => $"= ANY({operand})",
            ("time", true) => $"CAST({operand} AS timestamptz)",
            ("time", false) => $"to_char({operand} AT TIME ZONE 'UTC', {PostgresTimeText})",
            // A JSON parameter: jsonb for the columns read back parsed, json (kept verbatim) where the text is shown.
            ("json", true) => $"CAST({operand} AS jsonb)",
            ("jsontext", true) => $"CAST({operand} AS json)",
            (_, false) => $"CAST({operand} AS text)",
            _ => throw new InvalidOperationException($"Unknown SQL placeholder kind '{kind}'."),
        });

    /// <summary>"sqlite" or "postgres", for messages and tests.</summary>
    public string Name { get; }

    /// <summary>True when a list parameter is spelled out as one parameter per item (no array parameters).</summary>
    public bool ExpandsLists { get; }

    /// <summary>The column definition of a generated 64-bit primary key.</summary>
    public string Identity { get; }

    /// <summary>Statements that make the events table refuse UPDATE and DELETE, so the log cannot be rewritten.</summary>
    public IReadOnlyList<string> AppendOnlyEvents { get; }

    /// <summary>Fills the dialect's spellings into a migration's DDL.</summary>
    public string Render(string sql) => sql.Replace("{identity}", Identity, StringComparison.Ordinal);

    /// <summary>
    /// Fills the dialect's spellings of the typed placeholders into a statement that reads or writes rows: each
    /// <c>{kind:operand}</c> whose kind is time, json, jsontext or in, and whose operand is a parameter (<c>@name</c>) or
    /// a column (letters, digits, '_' and '.', not starting with a digit). Anything else in braces stays as it is.
    /// Scanned by hand rather than by a regex: every statement passes here, and the first generated regex of an
    /// assembly builds the search tables of all of them.
    /// </summary>
    public string RenderStatement(string sql)
    {
        var start = sql.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return sql;
        }

        var rendered = new StringBuilder(sql.Length + 64);
        var copied = 0;
        for (; start >= 0; start = sql.IndexOf('{', start + 1))
        {
            if (Placeholder(sql, start) is { } found)
            {
                rendered.Append(sql, copied, start - copied).Append(_placeholder(found.Kind, found.Operand));
                copied = found.End;
                start = found.End - 1;
            }
        }

        return rendered.Append(sql, copied, sql.Length - copied).ToString();
    }

    /// <summary>The placeholder that starts at the brace at <paramref name="open"/>, or null when the text there is not one.</summary>
    private static (string Kind, string Operand, int End)? Placeholder(string sql, int open)
    {
        var colon = sql.IndexOf(':', open + 1);
        if (colon < 0 || sql.AsSpan(open + 1, colon - open - 1) is not ("time" or "json" or "jsontext" or "in"))
        {
            return null;
        }

        var end = colon + 1;
        if (end >= sql.Length || sql[end] is not ('@' or '_' or (>= 'A' and <= 'Z') or (>= 'a' and <= 'z')))
        {
            return null;
        }

        while (++end < sql.Length && sql[end] is '_' or '.' or (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9'))
        {
        }

        return end < sql.Length && sql[end] == '}'
            ? (sql[(open + 1)..colon], sql[(colon + 1)..end], end + 1)
            : null;
    }
}
