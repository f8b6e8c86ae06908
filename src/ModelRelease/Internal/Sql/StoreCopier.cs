using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ModelRelease.Internal.Sql;

/// <summary>
/// Copies every row of one store into an empty other store of the same schema version, ids included, so the audit
/// log's order and every link between rows stay as they were. The copy runs in the target's one write transaction
/// (under its writer lock); before that transaction commits, each table is read back and compared with the source by
/// row count and digest, and any difference rolls the whole copy back.
/// </summary>
internal static class StoreCopier
{
    /// <summary>
    /// Runs after the rows are copied and before they are verified, in the target's transaction, when a test sets it:
    /// the test that a difference rolls the copy back changes a copied row here.
    /// </summary>
    internal static AsyncLocal<Action<DbConnection, DbTransaction>?> BeforeVerify { get; } = new();

    /// <summary>Counts and digests of every table of <paramref name="source"/>, after checking that it may be copied into <paramref name="target"/>.</summary>
    public static IReadOnlyList<StoreTableCopy> Plan(SqlMetadataSession source, string sourceLocation, SqlMetadataSession target, string targetLocation)
    {
        RequireCopyable(source, sourceLocation, target, targetLocation);
        return StoreTable.All.Select(table => Summarise(source, table)).ToList();
    }

    /// <summary>
    /// Copies <paramref name="source"/> into the open writer <paramref name="target"/> and verifies the copy; the
    /// caller commits. Returns the tables as copied.
    /// </summary>
    /// <exception cref="RegistryException">The target is not empty, the source is not at this ModelRelease's schema, or the copy differs.</exception>
    public static IReadOnlyList<StoreTableCopy> Copy(SqlMetadataSession source, string sourceLocation, SqlMetadataSession target, string targetLocation)
    {
        RequireCopyable(source, sourceLocation, target, targetLocation);
        var (connection, transaction, dialect) = target.Raw;
        var copied = new List<StoreTableCopy>();
        foreach (var table in StoreTable.All)
        {
            try
            {
                // Streamed: each row is written as it is read, and only its hash is kept, so a long audit log is never held whole.
                copied.Add(Summarise(table, Insert(connection, transaction, dialect, table, Rows(source, table))));
            }
            catch (DbException error)
            {
                throw new RegistryException(
                    $"Copying the table {table.Name} of {sourceLocation} into {targetLocation} failed ({error.Message}), so the whole copy was rolled back: " +
                    $"{targetLocation} is as it was before, and {sourceLocation} was never changed. Check that both servers are reachable and the target user may write, then run MigrateStore again.",
                    error);
            }
        }

        BeforeVerify.Value?.Invoke(connection, transaction);

        // Read back through the target's own spelling of the same columns, in the same transaction: what a later
        // task will read, compared before anyone can.
        var differences = copied
            .Zip(StoreTable.All, (expected, table) => (Expected: expected, Actual: Summarise(target, table)))
            .Where(pair => pair.Expected != pair.Actual)
            .Select(pair => pair.Expected.Rows != pair.Actual.Rows
                ? $"{pair.Expected.Table}: {pair.Expected.Rows} rows copied, {pair.Actual.Rows} read back"
                : $"{pair.Expected.Table}: digest {pair.Expected.ShortDigest} copied, {pair.Actual.ShortDigest} read back")
            .ToList();
        if (differences.Count > 0)
        {
            throw new RegistryException(
                $"The copy of {sourceLocation} into {targetLocation} does not read back as it was written ({string.Join("; ", differences)}), so it was rolled back: " +
                $"{targetLocation} is as it was before, and {sourceLocation} was never changed. Check the target server's version and settings, and report this if it repeats.");
        }

        return copied;
    }

    /// <summary>
    /// Refuses a copy that must not happen (one store on both sides, a source older than this ModelRelease, a target
    /// that holds anything, an empty source), reading counts only.
    /// </summary>
    public static void RequireCopyable(SqlMetadataSession source, string sourceLocation, SqlMetadataSession target, string targetLocation)
    {
        if (sourceLocation == targetLocation)
        {
            throw new RegistryException($"The registry to migrate to is the one migrated from ({sourceLocation}). Give another store: a new SQLite path, or a PostgreSQL URL with an unused ?schema=.");
        }

        if (source.Schema < SchemaMigrations.Latest)
        {
            throw new RegistryException(
                $"The registry {sourceLocation} has schema version {source.Schema}, older than this ModelRelease's {SchemaMigrations.Latest}, and a migration copies stores of the same version only. " +
                "Upgrade it in place first: run any task that writes it with this ModelRelease (e.g. ./build.sh -t Adopt with the same --root and --registry, which changes nothing else when they already belong together), then migrate again.");
        }

        var held = StoreTable.All.Select(table => (table.Name, Rows: Count(target, table))).Where(t => t.Rows > 0).ToList();
        if (held.Count > 0)
        {
            throw new RegistryException(
                $"The registry to migrate to, {targetLocation}, is not empty (it holds {string.Join(", ", held.Select(t => $"{t.Rows} {t.Name}"))}); a migration only fills an empty store, and never merges or overwrites. " +
                "Give a new SQLite path, or a PostgreSQL URL with an unused ?schema=. Nothing was changed.");
        }

        if (StoreTable.All.All(table => Count(source, table) == 0))
        {
            throw new RegistryException($"The registry {sourceLocation} holds nothing to migrate (no model, no task run, no root). Check --registry; a new root needs no migration: point --registry at the new store from the start.");
        }
    }

    private static long Count(SqlMetadataSession session, StoreTable table)
    {
        var (connection, transaction, _) = session.Raw;
        return Convert.ToInt64(SqlCommands.Scalar(connection, transaction, $"SELECT COUNT(*) FROM {table.Name}"), CultureInfo.InvariantCulture);
    }

    private static StoreTableCopy Summarise(SqlMetadataSession session, StoreTable table) => Summarise(table, Rows(session, table));

    private static IEnumerable<object?[]> Rows(SqlMetadataSession session, StoreTable table)
    {
        var (connection, transaction, dialect) = session.Raw;
        using var command = SqlCommands.Create(connection, transaction, dialect.RenderStatement(table.Select()));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            yield return row;
        }
    }

    /// <summary>Writes each row into the target as it passes, and passes it on (to be hashed).</summary>
    private static IEnumerable<object?[]> Insert(DbConnection connection, DbTransaction transaction, SqlDialect dialect, StoreTable table, IEnumerable<object?[]> rows)
    {
        var postgres = dialect == SqlDialect.Postgres;
        using var command = SqlCommands.Create(connection, transaction, dialect.RenderStatement(table.Insert(overriding: postgres)));
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"p{i}";
            command.Parameters.Add(parameter);
        }

        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                command.Parameters[i].Value = row[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
            yield return row;
        }

        if (postgres && table.HasIdentity)
        {
            // Rows inserted with their ids leave the identity's sequence where it was: without this, the next row a
            // task adds would take id 1 again and fail.
            SqlCommands.Execute(connection, transaction, $"SELECT setval(pg_get_serial_sequence('{table.Name}', 'id'), MAX(id)) FROM {table.Name}");
        }
    }

    /// <summary>
    /// A digest of a table's rows that both stores compute alike: each row's values normalised (times as UTC text to
    /// the microsecond, JSON re-serialised canonically, numbers in invariant form), hashed, and the row hashes hashed in
    /// sorted order, so neither row order nor a database's collation changes it.
    /// </summary>
    private static StoreTableCopy Summarise(StoreTable table, IEnumerable<object?[]> rows)
    {
        var hashes = rows.Select(row =>
        {
            var text = new StringBuilder();
            for (var i = 0; i < row.Length; i++)
            {
                var value = Normalised(StoreTable.KindOf(table.Columns[i]), row[i]);
                text.Append(value is null ? "-1" : value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
            }

            return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        }).ToList();
        hashes.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
        return new StoreTableCopy(table.Name, hashes.Count, Convert.ToHexStringLower(SHA256.HashData(hashes.SelectMany(h => h).ToArray())));
    }

    private static string? Normalised(string kind, object? value) => value switch
    {
        null => null,
        string text when kind is "json" or "jsontext" => CanonicalJson.Write(text),
        string text => text,
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        float number => ((double)number).ToString("R", CultureInfo.InvariantCulture),
        IConvertible integer => Convert.ToInt64(integer, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        _ => throw new RegistryException($"The store holds a value of type {value.GetType().Name} the migration does not know; this ModelRelease cannot copy it."),
    };
}
