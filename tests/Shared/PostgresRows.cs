using System.Text;
using Npgsql;

namespace ModelRelease.Testing;

/// <summary>
/// Every row of a PostgreSQL registry's tables, as text: what a test compares before and after a run that must
/// change nothing (a dry run, a killed step), since a PostgreSQL store has no file whose bytes could be compared.
/// </summary>
public static class PostgresRows
{
    /// <summary>The tables a change can touch, in a fixed order.</summary>
    public static readonly IReadOnlyList<string> Tables = ["models", "versions", "labels", "events", "executions", "execution_links", "analysis_runs", "analysis_measurements"];

    /// <summary>Whether the registry's schema exists, then each row of <see cref="Tables"/> ordered by its first column.</summary>
    public static string Dump(string registry)
    {
        var text = new StringBuilder();
        var builder = new NpgsqlConnectionStringBuilder(registry) { Pooling = false };
        var schema = string.IsNullOrEmpty(builder.SearchPath) ? "modelrelease" : builder.SearchPath;
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @schema)", connection))
        {
            exists.Parameters.AddWithValue("schema", schema);
            var found = (bool)exists.ExecuteScalar()!;
            text.AppendLine("store exists: " + found);
            if (!found)
            {
                return text.ToString();
            }
        }

        foreach (var table in Tables)
        {
            using var command = new NpgsqlCommand($"SELECT * FROM \"{schema}\".{table} ORDER BY 1", connection);
            AppendRows(text, table, command);
        }

        return text.ToString();
    }

    /// <summary>Appends the rows <paramref name="select"/> reads as "table: value value …" lines, in either store.</summary>
    public static void AppendRows(StringBuilder text, string table, System.Data.Common.DbCommand select)
    {
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            text.Append(table).Append(':');
            for (var i = 0; i < reader.FieldCount; i++)
            {
                text.Append(' ').Append(reader.IsDBNull(i) ? "null" : reader.GetValue(i));
            }

            text.AppendLine();
        }
    }

    /// <summary>Runs <paramref name="sql"/> in the registry's schema, bypassing the store (to plant a state a test needs); returns the rows affected.</summary>
    public static int Execute(string registry, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(registry) { Pooling = false };
        builder.SearchPath = string.IsNullOrEmpty(builder.SearchPath) ? "modelrelease" : builder.SearchPath;
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteNonQuery();
    }
}
