using System.Data.Common;

namespace ModelRelease.Internal.Sql;

/// <summary>Applies a store's schema steps in its own dialect; each store decides before this whether it may (foreign or newer schemas are refused).</summary>
internal static class SchemaMigrator
{
    /// <summary>
    /// Runs every step of <paramref name="migrations"/> newer than <paramref name="current"/>, in order, inside
    /// <paramref name="transaction"/>, and records each in schema_info: a failure rolls back with the transaction, so a
    /// store is never left between two schema versions.
    /// </summary>
    public static void ApplyNewer(DbConnection connection, DbTransaction transaction, SqlDialect dialect, IEnumerable<SchemaMigration> migrations, int current)
    {
        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            foreach (var statement in migration.Statements)
            {
                SqlCommands.Execute(connection, transaction, dialect.Render(statement));
            }

            if (migration.WithAppendOnlyEvents)
            {
                foreach (var statement in dialect.AppendOnlyEvents)
                {
                    SqlCommands.Execute(connection, transaction, statement);
                }
            }

            SqlCommands.Execute(
                connection,
                transaction,
                dialect.RenderStatement("INSERT INTO schema_info (version, description, applied_at) VALUES (@version, @description, {time:@at})"),
                new SqlParameters { { "version", migration.Version }, { "description", migration.Description }, { "at", SqlValues.Time(DateTimeOffset.UtcNow) } });
        }
    }
}
