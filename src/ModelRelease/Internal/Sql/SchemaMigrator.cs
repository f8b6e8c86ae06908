using System.Data.Common;
using Dapper;

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
                connection.Execute(dialect.Render(statement), transaction: transaction);
            }

            if (migration.WithAppendOnlyEvents)
            {
                foreach (var statement in dialect.AppendOnlyEvents)
                {
                    connection.Execute(statement, transaction: transaction);
                }
            }

            connection.Execute(
                dialect.RenderStatement("INSERT INTO schema_info (version, description, applied_at) VALUES (@version, @description, {time:@at})"),
                new { version = migration.Version, description = migration.Description, at = SqlValues.Time(DateTimeOffset.UtcNow) },
                transaction);
        }
    }
}
