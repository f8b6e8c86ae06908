using System.Globalization;
using Microsoft.Data.Sqlite;
using ModelRelease.Internal;
using ModelRelease.Internal.Sql;

namespace ModelRelease;

/// <summary>
/// The default metadata store: one SQLite file that several processes can share. The file is in WAL mode so
/// readers never wait for a writer; writers take SQLite's write lock up front (<c>BEGIN IMMEDIATE</c>) and wait
/// for one another through a busy timeout instead of failing with "database is locked".
/// </summary>
public sealed class SqliteMetadataStore : IMetadataStore
{
    private readonly IReadOnlyList<SchemaMigration> _migrations;

    /// <summary>Opens (lazily: nothing is created until the first write) the store in the file <paramref name="path"/>.</summary>
    public SqliteMetadataStore(string path)
        : this(path, SchemaMigrations.All)
    {
    }

    internal SqliteMetadataStore(string path, IReadOnlyList<SchemaMigration> migrations, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Location = Path.GetFullPath(path);
        _migrations = migrations;
        BusyTimeout = busyTimeout ?? DefaultBusyTimeout;
    }

    /// <summary>How long a writer waits for another writer before giving up, unless told otherwise.</summary>
    public static TimeSpan DefaultBusyTimeout { get; } = TimeSpan.FromSeconds(60);

    /// <summary>How long this store's writers wait for another writer before giving up.</summary>
    public TimeSpan BusyTimeout { get; }

    /// <inheritdoc />
    public string Location { get; }

    private int LatestSchema => _migrations[^1].Version;

    /// <inheritdoc />
    public IMetadataReader Read()
    {
        // A store nobody has written yet reads as empty, without creating the file: a dry run or a Status on a new
        // root must leave the disk as it found it. An in-memory database with the schema stands in for it.
        RefuseDirectory();
        if (!File.Exists(Location) || new FileInfo(Location).Length == 0)
        {
            return EmptyReader();
        }

        // Read-only, so a read never changes the store: not even an upgrade of a store an older ModelRelease wrote,
        // which is read as it is (the next write upgrades it). query_only makes SQLite refuse any write on this
        // connection; it is not opened with SQLITE_OPEN_READONLY because such a connection, closing last, leaves the
        // -wal and -shm files behind (it may not checkpoint), so a Status or a dry run would change the root.
        try
        {
            return ReadOpened(SqliteOpenMode.ReadWrite);
        }
        catch (RegistryException error) when (error.InnerException is SqliteException { SqliteErrorCode: 8 or 14 } && !CanWriteBeside())
        {
            // A store on a read-only mount: SQLite cannot make the -shm file a WAL reader needs, so it is opened as
            // immutable, which nobody can change through this mount anyway.
            return ReadOpened(SqliteOpenMode.ReadOnly, immutable: true);
        }
    }

    private IMetadataReader ReadOpened(SqliteOpenMode mode, bool immutable = false)
    {
        return Start(mode, connection =>
        {
            SqlCommands.Execute(connection, null, "PRAGMA query_only = ON");
            // A deferred transaction pins one WAL snapshot for the whole read, so every query agrees with the others.
            var transaction = connection.BeginTransaction(deferred: true);
            var schema = SchemaVersion(connection, transaction);
            RefuseForeignOrNewer(connection, transaction, schema);
            if (schema == 0)
            {
                transaction.Dispose();
                return null;
            }

            return new SqlMetadataSession(connection, transaction, writable: false, Explain, schema);
        }, immutable) ?? EmptyReader();
    }

    /// <summary>True when a file can be created beside the store (its directory is not on a read-only mount).</summary>
    private bool CanWriteBeside()
    {
        var probe = Path.Combine(Path.GetDirectoryName(Location)!, $".{Path.GetFileName(Location)}.probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public IMetadataWriter Write()
    {
        RefuseDirectory();
        Directories.Create(Path.GetDirectoryName(Location)!);
        return Start(SqliteOpenMode.ReadWriteCreate, connection =>
        {
            // journal_mode cannot change inside a transaction; once WAL it stays WAL, so this is a cheap read after the first time.
            SqlCommands.Execute(connection, null, "PRAGMA journal_mode = WAL");
            var transaction = connection.BeginTransaction(deferred: false);
            Migrate(connection, transaction);
            return new SqlMetadataSession(connection, transaction, writable: true, Explain);
        })!;
    }

    /// <summary>Nothing to release: every session owns and closes its connection.</summary>
    public void Dispose()
    {
    }

    /// <summary>
    /// Opens a connection and hands it to <paramref name="begin"/>; the session it returns owns the connection from
    /// then on. On null or on failure the connection is closed here, and SQLite's error codes become messages.
    /// </summary>
    private SqlMetadataSession? Start(SqliteOpenMode mode, Func<SqliteConnection, SqlMetadataSession?> begin, bool immutable = false)
    {
        var connection = Open(mode, immutable);
        try
        {
            var session = begin(connection);
            if (session is null)
            {
                connection.Dispose();
            }

            return session;
        }
        catch (SqliteException error)
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

    private SqliteConnection Open(SqliteOpenMode mode, bool immutable = false)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            // immutable is a URI parameter: the path goes in a file: URI, with what a URI gives meaning to escaped.
            DataSource = immutable
                ? "file:" + Location.Replace("%", "%25", StringComparison.Ordinal).Replace("?", "%3f", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal) + "?immutable=1"
                : Location,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString());
        try
        {
            connection.Open();
            SqlCommands.Execute(connection, null, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}");
            SqlCommands.Execute(connection, null, "PRAGMA foreign_keys = ON");

            // FULL syncs the WAL on every commit: a release tool would rather spend a millisecond than lose a label move.
            SqlCommands.Execute(connection, null, "PRAGMA synchronous = FULL");
            return connection;
        }
        catch (SqliteException error)
        {
            connection.Dispose();
            throw Explain(error);
        }
    }

    private void Migrate(SqliteConnection connection, SqliteTransaction transaction)
    {
        var schema = SchemaVersion(connection, transaction);
        RefuseForeignOrNewer(connection, transaction, schema);
        SchemaMigrator.ApplyNewer(connection, transaction, SqlDialect.Sqlite, _migrations, schema);
    }

    private static int SchemaVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        var hasTable = Convert.ToInt64(
            SqlCommands.Scalar(connection, transaction, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_info'"),
            CultureInfo.InvariantCulture) > 0;
        return hasTable && SqlCommands.Scalar(connection, transaction, "SELECT MAX(version) FROM schema_info") is { } version
            ? Convert.ToInt32(version, CultureInfo.InvariantCulture)
            : 0;
    }

    private void RefuseDirectory()
    {
        // A path ending in a separator names a directory even before one exists: refused before a writer creates it.
        if (Directory.Exists(Location) || Path.EndsInDirectorySeparator(Location))
        {
            throw new RegistryException($"The registry '{Location}' is a directory. Point --registry at a file inside it, e.g. {Path.Combine(Location, "registry.db")}.");
        }
    }

    /// <summary>A SQLite file with tables but no schema_info belongs to another application: never add tables to it.</summary>
    private void RefuseForeignOrNewer(SqliteConnection connection, SqliteTransaction transaction, int schema)
    {
        if (schema == 0)
        {
            var tables = SqlCommands.Query(
                connection, transaction, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", null, row => row.OptionalText(0)!);
            if (tables.Count > 0)
            {
                throw new RegistryException(
                    $"'{Location}' is a SQLite database of another application (tables: {string.Join(", ", tables.Take(5))}{(tables.Count > 5 ? ", …" : "")}), not a ModelRelease registry. " +
                    "Point --registry at a ModelRelease registry or at a new path.");
            }
        }

        RefuseNewer(schema);
    }

    private void RefuseNewer(int schema)
    {
        if (schema > LatestSchema)
        {
            throw new RegistryException(
                $"The registry '{Location}' has schema version {schema}, but this ModelRelease knows versions up to {LatestSchema}: " +
                "a newer ModelRelease wrote it. Upgrade ModelRelease to use this registry, or point --registry at another one.");
        }
    }

    /// <summary>A database error as a message naming this store's file and what to do.</summary>
    internal Exception Explain(System.Data.Common.DbException error) => (error as SqliteException)?.SqliteErrorCode switch
    {
        26 => new RegistryException(
            $"'{Location}' is not a ModelRelease registry (it is not a SQLite database). Point --registry at the registry file, or move this file away.",
            error),
        5 or 6 => new RegistryException(
            $"The registry '{Location}' stayed locked by another writer for {BusyTimeout.TotalSeconds:0} s. Another release is running; retry when it finishes.",
            error),
        3 or 8 => new RegistryException(
            $"The registry '{Location}' cannot be written (permissions, a read-only mount or an immutable file). Make it and its directory writable by this user, or point --registry elsewhere.",
            error),
        13 => new RegistryException(
            $"The disk holding the registry '{Location}' is full. Free space there; nothing was recorded.",
            error),
        10 or 11 => new RegistryException(
            $"The registry '{Location}' could not be read or written ({error.Message}). Check the disk; if the file is damaged, restore it from a backup.",
            error),
        14 => new RegistryException(
            $"The registry '{Location}' cannot be opened: check that its directory exists and is writable.",
            error),
        _ => new RegistryException($"The registry '{Location}' failed: {error.Message}. If this repeats, check the disk and restore the file from a backup.", error),
    };

    private SqlMetadataSession EmptyReader() => EmptySession(_migrations, Explain);

    /// <summary>
    /// A reader of a store nobody has written: an in-memory SQLite database with the schema. Any store's empty read
    /// is this, so it creates nothing where the store is.
    /// </summary>
    internal static SqlMetadataSession EmptySession(Func<System.Data.Common.DbException, Exception> explain) => EmptySession(SchemaMigrations.All, explain);

    private static SqlMetadataSession EmptySession(IReadOnlyList<SchemaMigration> migrations, Func<System.Data.Common.DbException, Exception> explain)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var transaction = connection.BeginTransaction();
        foreach (var migration in migrations)
        {
            foreach (var statement in migration.Statements)
            {
                SqlCommands.Execute(connection, transaction, SqlDialect.Sqlite.Render(statement));
            }
        }

        transaction.Commit();
        return new SqlMetadataSession(connection, connection.BeginTransaction(deferred: true), writable: false, explain);
    }
}
