using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace ModelRelease.Testing;

/// <summary>
/// A real PostgreSQL server for tests, shared by the whole test process (<see cref="Shared"/>), handing out a fresh
/// empty database per test (<see cref="CreateDatabase"/>), so tests never share state. With
/// <c>MODELRELEASE_TEST_POSTGRES</c> set (.ci/run and .ci/start-postgres.sh set it) it uses that server, and a server
/// that does not answer FAILS every test that uses it. Without it, it creates a throwaway cluster with Debian's
/// <c>initdb</c> in a temp directory (as the unprivileged <c>postgres</c> user when run as root), starts it on
/// 127.0.0.1 on a free port, and stops and deletes it when the process exits. It never skips.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string Variable = "MODELRELEASE_TEST_POSTGRES";

    private static readonly Lazy<PostgresServer> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string? _directory;
    private readonly string? _bin;
    private readonly bool _asPostgresUser;

    private PostgresServer(string connectionString, string? directory, string? bin, bool asPostgresUser)
    {
        ConnectionString = connectionString;
        _directory = directory;
        _bin = bin;
        _asPostgresUser = asPostgresUser;
    }

    /// <summary>The server of this test process; the first call starts or checks it.</summary>
    public static PostgresServer Shared => Instance.Value;

    /// <summary>A connection string to the server's maintenance database, as a superuser with a password.</summary>
    public string ConnectionString { get; }

    /// <summary>The password in <see cref="ConnectionString"/>: tests assert it appears nowhere.</summary>
    public string Password => new NpgsqlConnectionStringBuilder(ConnectionString).Password ?? "";

    /// <summary>Creates an empty database <c>t_&lt;guid&gt;</c> and returns a connection string to it (with the password).</summary>
    public string CreateDatabase()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// A cluster of its own, never the shared one, for a test that stops or restarts the server (the caller disposes
    /// it). Started as <see cref="Shared"/> starts its own: initdb in a temp dir, 127.0.0.1, a free port.
    /// </summary>
    public static PostgresServer StartPrivate() => StartOwnCluster();

    /// <summary>Restarts a private cluster: <paramref name="immediate"/> kills the server without a clean shutdown, as a crash would.</summary>
    public void Restart(bool immediate = false)
    {
        if (_directory is null)
        {
            throw new InvalidOperationException($"Only a cluster from {nameof(StartPrivate)} can be restarted; the shared one serves other tests.");
        }

        Run(Path.Combine(_bin!, "pg_ctl"), ["--pgdata", Path.Combine(_directory, "data"), "--silent", "-m", immediate ? "immediate" : "fast", "-w", "restart"]);
        RequireAnswer("The restarted cluster");
    }

    public void Dispose()
    {
        if (_directory is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        Run(Path.Combine(_bin!, "pg_ctl"), ["--pgdata", Path.Combine(_directory, "data"), "--silent", "-m", "immediate", "stop"], throwOnFailure: false);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static PostgresServer Start()
    {
        var given = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(given))
        {
            return Given(given);
        }

        var own = StartOwnCluster();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => own.Dispose();
        return own;
    }

    /// <summary>
    /// The server <c>$MODELRELEASE_TEST_POSTGRES</c> names (<paramref name="connectionString"/>), checked to answer:
    /// one that does not throws, so every test needing it fails instead of skipping.
    /// </summary>
    public static PostgresServer Given(string connectionString)
    {
        var server = new PostgresServer(connectionString, null, null, false);
        server.RequireAnswer($"${Variable}");
        return server;
    }

    private void RequireAnswer(string source)
    {
        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Timeout = 5 }.ConnectionString);
            connection.Open();
        }
        catch (Exception error) when (error is NpgsqlException or ArgumentException)
        {
            var safe = new NpgsqlConnectionStringBuilder(ConnectionString) { Password = null };
            throw new InvalidOperationException(
                $"{source} names a PostgreSQL server that does not answer ({safe}): {error.GetType().Name}. " +
                $"Start it (.ci/start-postgres.sh CMD), or unset {Variable} to let the tests start their own cluster.");
        }
    }

    private static PostgresServer StartOwnCluster()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run 'apt-get install -y postgresql', or set {Variable} to a server's connection string (.ci/start-postgres.sh does).");
        }

        var asPostgres = Environment.UserName == "root";
        var directory = Directory.CreateTempSubdirectory("modelrelease-postgres-").FullName;
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var pwfile = Path.Combine(directory, "pwfile");
        File.WriteAllText(pwfile, password + "\n");
        if (asPostgres)
        {
            RunAsCaller("chown", ["-R", "postgres:", directory]);
        }

        var port = FreePort();
        var server = new PostgresServer(
            $"Host=127.0.0.1;Port={port};Username=modelrelease;Password={password};Database=postgres", directory, bin, asPostgres);
        try
        {
            server.Run(Path.Combine(bin, "initdb"), ["--pgdata", Path.Combine(directory, "data"), "--username=modelrelease", $"--pwfile={pwfile}",
                "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
            File.Delete(pwfile);
            server.Run(Path.Combine(bin, "pg_ctl"), ["--pgdata", Path.Combine(directory, "data"), "--log", Path.Combine(directory, "server.log"), "--silent",
                "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {directory} -c fsync=off -c max_connections=200", "start"]);
            server.WatchOwner();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                try
                {
                    server.RequireAnswer("The tests' own cluster");
                    return server;
                }
                catch (InvalidOperationException) when (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(200);
                }
            }
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The test host is often killed rather than exited, so ProcessExit cannot be relied on: a watcher in its own
    /// session stops the cluster and deletes its directory once this process is gone.
    /// </summary>
    private void WatchOwner()
    {
        var stop = (_asPostgresUser ? "runuser -u postgres -- " : "") + $"'{Path.Combine(_bin!, "pg_ctl")}' --pgdata '{Path.Combine(_directory!, "data")}' -m immediate stop";
        var script = $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId}; do sleep 1; done; {stop}; rm -rf '{_directory}'";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "bash", "-c", script })
        {
            start.ArgumentList.Add(argument);
        }

        using var watcher = Process.Start(start);
    }

    private void Run(string program, IReadOnlyList<string> arguments, bool throwOnFailure = true) =>
        RunProcess(_asPostgresUser ? "runuser" : program, _asPostgresUser ? ["-u", "postgres", "--", program, .. arguments] : arguments, throwOnFailure);

    private static void RunAsCaller(string program, IReadOnlyList<string> arguments) => RunProcess(program, arguments, throwOnFailure: true);

    private static void RunProcess(string program, IReadOnlyList<string> arguments, bool throwOnFailure)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 && throwOnFailure)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments.Take(4))} failed ({process.ExitCode}): {output.Result}{error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
