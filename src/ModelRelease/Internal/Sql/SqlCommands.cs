using System.Data.Common;

namespace ModelRelease.Internal.Sql;

/// <summary>
/// Runs a statement on a connection, in its transaction, with plain ADO.NET. A mapping library that emits IL on its first call for
/// each parameter object and row type emits IL that the JIT compiles fully optimised on every start (about 50 ms of a
/// small rollback); here binding and row reading are ordinary code, precompiled ReadyToRun with the library.
/// </summary>
internal static class SqlCommands
{
    /// <summary>A command with <paramref name="sql"/> and <paramref name="parameters"/> as given (see <see cref="SqlParameters.BindTo"/> for what to bind).</summary>
    public static DbCommand Create(DbConnection connection, DbTransaction? transaction, string sql, SqlParameters? parameters = null)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (parameters is not null)
        {
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
        }

        return command;
    }

    /// <summary>Runs a statement that returns no rows (or whose rows nobody reads); the number of rows it changed.</summary>
    public static int Execute(DbConnection connection, DbTransaction? transaction, string sql, SqlParameters? parameters = null)
    {
        using var command = Create(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row, null when there is no row or the value is NULL.</summary>
    public static object? Scalar(DbConnection connection, DbTransaction? transaction, string sql, SqlParameters? parameters = null)
    {
        using var command = Create(connection, transaction, sql, parameters);
        return command.ExecuteScalar() is var value and not DBNull ? value : null;
    }

    /// <summary>Every row of a statement, each made by <paramref name="read"/> while the reader stands on it.</summary>
    public static List<T> Query<T>(DbConnection connection, DbTransaction? transaction, string sql, SqlParameters? parameters, Func<DbDataReader, T> read)
    {
        using var command = Create(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
