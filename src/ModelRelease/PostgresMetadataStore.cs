using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ModelRelease.Internal.Sql;
using Npgsql;

namespace ModelRelease;

/// <summary>
/// The shared metadata store: a PostgreSQL database that many CI agents use at once, with the SQLite store's
/// guarantees. Writers are serialised per store by a transaction-scoped advisory lock, taken first in each write
/// transaction and waited for at most <see cref="BusyTimeout"/>; readers read one snapshot in a read-only
/// REPEATABLE READ transaction. Nothing is created until the first write, and a read of a store nobody has written
/// reads as empty. The audit log refuses UPDATE, DELETE and TRUNCATE (a trigger).
/// </summary>
/// <remarks>
/// <para>Connection settings: a URL, <c>postgres://user@host:5432/db?sslmode=verify-full&amp;schema=team_a</c>, or a
/// key-value string, <c>Host=…;Port=…;Database=…;Username=…;Search Path=team_a</c>. TLS options pass through
/// (URL: <c>sslmode</c>, <c>sslrootcert</c>, <c>sslcert</c>, <c>sslkey</c>; strings: Npgsql's keys). The password may
/// be in the string (it is then never printed or recorded), in <c>PGPASSWORD</c>, in a passfile
/// (<c>PGPASSFILE</c>, <c>~/.pgpass</c>, URL <c>passfile=</c>), or in an environment variable the string names:
/// URL <c>password_env=NAME</c>, string <c>Password Env=NAME</c>.</para>
/// <para>One database can hold several serving roots: each registry lives in its own PostgreSQL schema, chosen by
/// URL <c>?schema=</c> or the string's <c>Search Path</c> (default <c>modelrelease</c>), and each schema is bound to
/// its one root like a SQLite file is.</para>
/// </remarks>
public sealed class PostgresMetadataStore : IMetadataStore
{
    private static readonly TimeSpan[] OpenRetries = [TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    private readonly PostgresConnectionSettings _settings;
    private readonly IReadOnlyList<SchemaMigration> _migrations;
    private readonly long _lockKey;

    /// <summary>A store in the database <paramref name="connection"/> names (a URL or a connection string). Nothing is opened yet.</summary>
    public PostgresMetadataStore(string connection)
        : this(connection, PostgresSchemaMigrations.All)
    {
    }

    internal PostgresMetadataStore(string connection, IReadOnlyList<SchemaMigration> migrations, TimeSpan? busyTimeout = null)
    {
        _settings = PostgresConnectionSettings.Parse(connection);
        _migrations = migrations;
        BusyTimeout = busyTimeout ?? DefaultBusyTimeout;
        _lockKey = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("modelrelease-writer:" + _settings.Schema)), 0);
    }

    /// <summary>How long a writer waits for another writer before giving up, unless told otherwise.</summary>
    public static TimeSpan DefaultBusyTimeout { get; } = TimeSpan.FromSeconds(60);

    /// <summary>How long this store's writers wait for another writer (or any lock) before giving up.</summary>
    public TimeSpan BusyTimeout { get; }

    /// <summary>The connection settings without the password.</summary>
    public string Location => _settings.Display;

    /// <summary>The PostgreSQL schema this registry's tables live in.</summary>
    public string Schema => _settings.Schema;

    internal string ConnectionString => _settings.Builder.ConnectionString;

    private int LatestSchema => _migrations[^1].Version;

    /// <inheritdoc />
    public IMetadataReader Read() => Start(connection =>
    {
        // One snapshot for every query of the read; READ ONLY makes the server refuse any write through it.
        var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
        SqlCommands.Execute(connection, transaction, "SET TRANSACTION READ ONLY");
        var schema = SchemaVersion(connection, transaction);
        RefuseForeignOrNewer(connection, transaction, schema);
        if (schema == 0)
        {
            transaction.Dispose();
            return null;
        }

        return new SqlMetadataSession(connection, transaction, writable: false, Explain, schema, SqlDialect.Postgres);
    }) ?? SqliteMetadataStore.EmptySession(Explain);

    /// <inheritdoc />
    public IMetadataWriter Write() => Start(connection =>
    {
        var transaction = connection.BeginTransaction(IsolationLevel.ReadCommitted);

        // Every writer of this schema takes the same lock before reading anything, so each sees all earlier commits and
        // none interleaves with another (SQLite's BEGIN IMMEDIATE). lock_timeout bounds the wait for it and for any
        // row lock a stranger holds; the lock is released by COMMIT or ROLLBACK, also when the connection dies.
        SqlCommands.Execute(connection, transaction, $"SET LOCAL lock_timeout = {(long)BusyTimeout.TotalMilliseconds}");
        SqlCommands.Execute(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", new SqlParameters { { "key", _lockKey } });
        Migrate(connection, transaction);
        return new SqlMetadataSession(connection, transaction, writable: true, Explain, dialect: SqlDialect.Postgres);
    })!;

    /// <summary>Nothing to release: every session owns and closes its connection.</summary>
    public void Dispose()
    {
    }

    /// <summary>
    /// Opens a connection and hands it to <paramref name="begin"/>. Until the session exists nothing has been
    /// changed (a migration rolls back with its transaction), so a broken or refused connection is retried here with a
    /// short backoff; once the caller has the session, nothing is retried, and a commit is never repeated.
    /// </summary>
    private SqlMetadataSession? Start(Func<NpgsqlConnection, SqlMetadataSession?> begin)
    {
        for (var attempt = 0; ; attempt++)
        {
            var connection = new NpgsqlConnection(ConnectionString);
            try
            {
                connection.Open();
                var session = begin(connection);
                if (session is null)
                {
                    connection.Dispose();
                }

                return session;
            }
            catch (NpgsqlException error) when (attempt < OpenRetries.Length && IsTransient(error))
            {
                connection.Dispose();

                // A server restart leaves dead connections in the pool: drop them so the retry opens a new one.
                NpgsqlConnection.ClearPool(connection);
                Thread.Sleep(OpenRetries[attempt]);
            }
            catch (DbException error)
            {
                connection.Dispose();
                throw Explain(error);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
    }

    private static bool IsTransient(NpgsqlException error) => error is PostgresException pg
        ? pg.SqlState is "57P01" or "57P02" or "57P03" or "08000" or "08003" or "08006" or "53300"
        : error.IsTransient;

    private void Migrate(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var schema = SchemaVersion(connection, transaction);
        RefuseForeignOrNewer(connection, transaction, schema);
        if (schema == 0)
        {
            SqlCommands.Execute(connection, transaction, $"CREATE SCHEMA IF NOT EXISTS \"{_settings.Schema}\"");
        }

        SchemaMigrator.ApplyNewer(connection, transaction, SqlDialect.Postgres, _migrations, schema);
    }

    private int SchemaVersion(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var hasTable = SqlCommands.Scalar(
            connection,
            transaction,
            "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = @schema AND tablename = 'schema_info')",
            new SqlParameters { { "schema", _settings.Schema } }) is true;
        return hasTable && SqlCommands.Scalar(connection, transaction, "SELECT MAX(version) FROM schema_info") is { } version
            ? Convert.ToInt32(version, CultureInfo.InvariantCulture)
            : 0;
    }

    /// <summary>A schema with tables but no schema_info belongs to another application: never add tables to it.</summary>
    private void RefuseForeignOrNewer(NpgsqlConnection connection, NpgsqlTransaction transaction, int schema)
    {
        if (schema == 0)
        {
            var tables = SqlCommands.Query(
                connection,
                transaction,
                "SELECT tablename FROM pg_tables WHERE schemaname = @schema ORDER BY tablename",
                new SqlParameters { { "schema", _settings.Schema } },
                row => row.OptionalText(0)!);
            if (tables.Count > 0)
            {
                throw new RegistryException(
                    $"The schema '{_settings.Schema}' of {Location} holds tables of another application ({string.Join(", ", tables.Take(5))}{(tables.Count > 5 ? ", …" : "")}), not a ModelRelease registry. " +
                    "Point --registry at another schema (URL ?schema=NAME, or Search Path=NAME) or another database.");
            }
        }

        if (schema > LatestSchema)
        {
            throw new RegistryException(
                $"The registry '{Location}' has schema version {schema}, but this ModelRelease knows versions up to {LatestSchema}: " +
                "a newer ModelRelease wrote it. Upgrade ModelRelease to use this registry, or point --registry at another one.");
        }
    }

    /// <summary>A database error as a message naming this store's server (never its password) and what to do.</summary>
    internal Exception Explain(DbException error)
    {
        var server = _settings.Server;
        var database = _settings.Builder.Database ?? _settings.Builder.Username;
        if (error is PostgresException pg)
        {
            return new RegistryException(pg.SqlState switch
            {
                "28P01" or "28000" => $"The PostgreSQL server at {server} refused user '{_settings.Builder.Username}' ({pg.MessageText}). Check the password (in --registry, its password_env variable, PGPASSWORD or the passfile) and the server's pg_hba.conf.",
                "3D000" => $"The PostgreSQL server at {server} has no database '{database}'. Create it (createdb {database}) or fix the database in --registry.",
                "53100" => $"The disk of the PostgreSQL server at {server} is full. Free space there; nothing was recorded.",
                "53300" => $"The PostgreSQL server at {server} has no free connection slot ({pg.MessageText}). Retry when fewer jobs run, or raise max_connections.",
                "40001" or "40P01" => $"Another job changed the registry {Location} at the same moment ({pg.MessageText}); nothing of this step was recorded. Run the step again.",
                "55P03" => $"The registry '{Location}' stayed locked by another writer for {BusyTimeout.TotalSeconds:0} s. Another release is running; retry when it finishes.",
                "57P01" or "57P02" or "57P03" => $"The PostgreSQL server at {server} shut down or restarted during the step ({pg.MessageText}); its transaction was not committed, so nothing was half-applied. Run the step again when the server is back.",
                "42501" => $"The PostgreSQL user '{_settings.Builder.Username}' lacks a privilege on {Location} ({pg.MessageText}). Grant it CREATE on the database (for the first write) and USAGE, CREATE on schema {_settings.Schema}.",
                "25006" => $"The registry {Location} was opened read-only by this task, and a write was attempted ({pg.MessageText}). Run a task that changes the registry instead.",
                "23001" or "P0001" => $"The registry {Location} refused the change: {pg.MessageText}. The audit log is append-only; add an event instead of changing one.",
                _ => $"The registry {Location} failed: {pg.MessageText} (SQLSTATE {pg.SqlState}). If this repeats, check the server's log.",
            }, error);
        }

        if (error.InnerException is SocketException or IOException or TimeoutException || error is NpgsqlException { IsTransient: true })
        {
            return new RegistryException(
                $"The PostgreSQL server at {server} could not be reached or the connection broke ({error.InnerException?.Message ?? error.Message}): is the server running at {server} and reachable from this machine? " +
                "A change in progress was committed whole or not at all; if this happened while committing, check with Status before running the step again.",
                error);
        }

        return new RegistryException($"The registry {Location} failed: {error.Message}. Check the connection settings in --registry.", error);
    }
}
