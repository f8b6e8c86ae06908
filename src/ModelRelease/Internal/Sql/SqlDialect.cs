namespace ModelRelease.Internal.Sql;

/// <summary>
/// The few places SQLite and PostgreSQL spell a schema differently. Statements that read and write rows are
/// written once in the SQL both understand (RETURNING, ON CONFLICT, TEXT timestamps), so only DDL needs this.
/// </summary>
internal sealed class SqlDialect
{
    private SqlDialect(string identity, IReadOnlyList<string> appendOnlyEvents)
    {
        Identity = identity;
        AppendOnlyEvents = appendOnlyEvents;
    }

    /// <summary>SQLite: rowid aliases; AUTOINCREMENT so an id is never reused after a rollback.</summary>
    public static SqlDialect Sqlite { get; } = new(
        "INTEGER PRIMARY KEY AUTOINCREMENT",
        [
            "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
            "CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
        ]);

    /// <summary>The column definition of a generated 64-bit primary key.</summary>
    public string Identity { get; }

    /// <summary>Statements that make the events table refuse UPDATE and DELETE, so the log cannot be rewritten.</summary>
    public IReadOnlyList<string> AppendOnlyEvents { get; }

    /// <summary>Fills the dialect's spellings into a migration's DDL.</summary>
    public string Render(string sql) => sql.Replace("{identity}", Identity, StringComparison.Ordinal);
}
