using System.Data.Common;

namespace ModelRelease.Internal.Sql;

/// <summary>
/// How every statement of the session runs: rendered in the store's dialect, its parameters bound (lists spelled out
/// where the database has no arrays), recorded when a test asks, run in the session's transaction, and a database
/// error turned into the store's message.
/// </summary>
internal sealed partial class SqlMetadataSession
{
    /// <summary>
    /// Where the statements of the current async flow are recorded with their parameters, when a test sets it: the
    /// test that every statement of a release step is served by an index replays each under EXPLAIN QUERY PLAN.
    /// </summary>
    /// The SQL is recorded as it ran (rendered by the dialect, lists spelled out for SQLite), so each database's
    /// EXPLAIN reads its own spelling; the parameters are the <see cref="SqlParameters"/> bound to it, a sequence of
    /// name/value pairs.
    internal static AsyncLocal<List<(string Sql, object? Parameters)>?> Recorder { get; } = new();

    private (string Sql, SqlParameters? Parameters) Prepare(string sql, SqlParameters? parameters)
    {
        sql = _dialect.RenderStatement(sql);
        if (parameters is not null)
        {
            (sql, parameters) = parameters.BindTo(sql, _dialect.ExpandsLists);
        }

        if (Recorder.Value is { } recorded)
        {
            lock (recorded)
            {
                recorded.Add((sql, parameters));
            }
        }

        return (sql, parameters);
    }

    private List<T> Query<T>(string sql, SqlParameters? parameters, Func<DbDataReader, T> read)
    {
        var statement = Prepare(sql, parameters);
        try
        {
            return SqlCommands.Query(_connection, _transaction, statement.Sql, statement.Parameters, read);
        }
        catch (DbException error)
        {
            throw _explain(error);
        }
    }

    /// <summary>The first column of each row, a text that is never NULL in these statements.</summary>
    private List<string> Strings(string sql, SqlParameters? parameters = null) => Query(sql, parameters, row => row.OptionalText(0)!);

    /// <summary>The first column of each row, an integer that is never NULL in these statements.</summary>
    private List<long> Longs(string sql, SqlParameters? parameters = null) => Query(sql, parameters, row => row.OptionalLong(0) ?? 0);

    /// <summary>
    /// The integer in the only row, as <c>Longs(…).Single()</c> would give it (and throwing as it would), without LINQ
    /// over longs: that is compiled at run time, and a label move would pay for it.
    /// </summary>
    private long SingleLong(string sql, SqlParameters? parameters = null) => Longs(sql, parameters) switch
    {
        [var only] => only,
        [] => throw new InvalidOperationException("Sequence contains no elements"),
        _ => throw new InvalidOperationException("Sequence contains more than one element"),
    };

    /// <summary>The integer in the only row, or 0 when there is none: <c>Longs(…).SingleOrDefault()</c> without LINQ over longs.</summary>
    private long SingleLongOrDefault(string sql, SqlParameters? parameters = null) => Longs(sql, parameters) switch
    {
        [var only] => only,
        [] => 0,
        _ => throw new InvalidOperationException("Sequence contains more than one element"),
    };

    private void Execute(string sql, SqlParameters? parameters)
    {
        RequireWriter();
        var statement = Prepare(sql, parameters);
        try
        {
            SqlCommands.Execute(_connection, _transaction, statement.Sql, statement.Parameters);
        }
        catch (DbException error)
        {
            throw _explain(error);
        }
    }
}
