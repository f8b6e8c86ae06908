using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Dapper;
using ModelRelease.Testing;
using Npgsql;

namespace ModelRelease.Tests.Registry;

/// <summary>What only the PostgreSQL store has: connection settings, one schema per root, the server's own refusals, and its messages.</summary>
public sealed class PostgresMetadataStoreTests : IDisposable
{
    private readonly RegistryScenario _scenario = new(StoreKind.Postgres);

    public void Dispose() => _scenario.Dispose();

    private NpgsqlConnectionStringBuilder Settings => new(_scenario.Registry);

    private string Password => PostgresServer.Shared.Password;

    private NpgsqlConnection Raw(string schema = "modelrelease")
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_scenario.Registry) { SearchPath = schema }.ConnectionString);
        connection.Open();
        return connection;
    }

    [Fact]
    public void Should_Know_The_Same_Latest_Schema_As_The_Sqlite_Store()
    {
        // A later step is added to both histories with the same number, so a copy between stores keeps its version.
        Assert.Equal(ModelRelease.Internal.Sql.SchemaMigrations.Latest, ModelRelease.Internal.Sql.PostgresSchemaMigrations.Latest);
    }

    [Fact]
    public void Should_Open_A_Postgres_Store_For_A_Url_Or_A_Connection_String()
    {
        var url = $"postgres://{Settings.Username}:{Uri.EscapeDataString(Password)}@{Settings.Host}:{Settings.Port}/{Settings.Database}?sslmode=disable";

        Assert.IsType<PostgresMetadataStore>(MetadataStores.Open(url));
        Assert.IsType<PostgresMetadataStore>(MetadataStores.Open(_scenario.Registry));
        Assert.IsType<SqliteMetadataStore>(MetadataStores.Open(_scenario.RegistryPath));
    }

    [Fact]
    public void Should_Keep_The_Password_Out_Of_Location_Messages_Rows_And_Output()
    {
        // Given a registry used through a URL with the password in it, and a task run whose arguments name it
        var url = $"postgres://{Settings.Username}:{Uri.EscapeDataString(Password)}@{Settings.Host}:{Settings.Port}/{Settings.Database}";
        var output = new StringWriter();
        using (var registry = ModelRegistry.Open(_scenario.Root, url, new RegistryOptions { Warn = output.WriteLine }))
        using (var run = registry.StartExecution("Status", null, new Dictionary<string, string?> { ["registry"] = url, ["registry2"] = _scenario.Registry }))
        {
            output.WriteLine(registry.Store.Location);
            run.Complete(ExecutionOutcome.Succeeded);
        }

        // And errors: a wrong password, a missing database, a newer schema
        var errors = new List<Exception>
        {
            Assert.Throws<RegistryException>(() => new PostgresMetadataStore(new NpgsqlConnectionStringBuilder(_scenario.Registry) { Password = Password + "x" }.ConnectionString).Read().Dispose()),
            Assert.Throws<RegistryException>(() => new PostgresMetadataStore(new NpgsqlConnectionStringBuilder(_scenario.Registry) { Database = "t_missing" }.ConnectionString).Write().Dispose()),
        };
        using (var connection = Raw())
        {
            connection.Execute("INSERT INTO schema_info (version, description, applied_at) VALUES (99, 'future', now())");
        }

        errors.Add(Assert.Throws<RegistryException>(() => new PostgresMetadataStore(url).Read().Dispose()));

        // Then the password appears in none of them, nor in any stored row
        Assert.Contains("refused user", errors[0].Message);
        Assert.Contains("has no database 't_missing'", errors[1].Message);
        Assert.Contains("schema version 99", errors[2].Message);
        foreach (var error in errors)
        {
            Assert.DoesNotContain(Password, error.ToString());
        }

        Assert.DoesNotContain(Password, output.ToString());
        Assert.DoesNotContain(Password, new PostgresMetadataStore(url).Location);
        Assert.Contains($"Port={Settings.Port}", new PostgresMetadataStore(url).Location);
        using var raw = Raw();
        var rows = raw.Query<string>("SELECT row_to_json(x)::text FROM executions x").ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.DoesNotContain(Password, row));
        Assert.All(rows, row => Assert.Contains("***", row));
    }

    [Fact]
    public void Should_Take_The_Password_From_The_Variable_The_Settings_Name()
    {
        var variable = "MODELRELEASE_TEST_PG_PASSWORD_" + Guid.NewGuid().ToString("N");
        var url = $"postgres://{Settings.Username}@{Settings.Host}:{Settings.Port}/{Settings.Database}?password_env={variable}";
        var keyValues = new NpgsqlConnectionStringBuilder(_scenario.Registry) { Password = null }.ConnectionString + $";Password Env={variable}";

        var unset = Assert.Throws<RegistryException>(() => new PostgresMetadataStore(url));
        Environment.SetEnvironmentVariable(variable, Password);
        try
        {
            foreach (var registry in new[] { url, keyValues })
            {
                using var writer = new PostgresMetadataStore(registry).Write();
                writer.Commit();
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        Assert.Contains($"${variable}", unset.Message);
        Assert.Contains("not set", unset.Message);
    }

    [Fact]
    public void Should_Keep_Each_Serving_Root_In_Its_Own_Schema_Of_One_Database()
    {
        // Given two roots whose registries are two schemas of one database
        using var other = new RegistryScenario(StoreKind.Postgres);
        var teamA = _scenario.Registry + ";Search Path=team_a";
        var settings = Settings;
        var teamB = $"postgres://{settings.Username}:{Uri.EscapeDataString(Password)}@{settings.Host}:{settings.Port}/{settings.Database}?schema=team_b";
        using (var a = ModelRegistry.Open(_scenario.Root, teamA))
        {
            a.Push(_scenario.Request("one"));
        }

        using (var b = ModelRegistry.Open(other.Root, teamB))
        {
            b.Push(other.Request("two", "spam"));
        }

        // Then each schema holds its own root and versions, and a root refuses the other's schema
        using var readA = new PostgresMetadataStore(teamA).Read();
        using var readB = new PostgresMetadataStore(teamB).Read();
        Assert.Equal(["mnist"], readA.Models());
        Assert.Equal(["spam"], readB.Models());
        Assert.NotEqual(readA.BoundRoot()!.RootId, readB.BoundRoot()!.RootId);
        using var wrong = ModelRegistry.Open(_scenario.Root, teamB);
        Assert.Throws<RegistryException>(() => wrong.Push(_scenario.Request("three")));
    }

    [Fact]
    public void Should_Refuse_A_Schema_Holding_Another_Applications_Tables()
    {
        using (var connection = Raw("public"))
        {
            connection.Execute("CREATE SCHEMA modelrelease; CREATE TABLE modelrelease.invoices (id int)");
        }

        using var store = new PostgresMetadataStore(_scenario.Registry);
        var write = Assert.Throws<RegistryException>(() => store.Write().Dispose());
        var read = Assert.Throws<RegistryException>(() => store.Read().Dispose());

        Assert.Contains("another application (invoices)", write.Message);
        Assert.Contains("?schema=", read.Message);
        using var check = Raw();
        Assert.Equal(["invoices"], check.Query<string>("SELECT tablename FROM pg_tables WHERE schemaname = 'modelrelease'"));
    }

    [Fact]
    public void Should_Read_In_A_Read_Only_Transaction_The_Server_Enforces()
    {
        _scenario.Push("one");
        using var reader = new PostgresMetadataStore(_scenario.Registry).Read();

        // The reader's own connection: even SQL that bypasses the session's guard is refused by the server.
        var connection = (DbConnection)reader.GetType().GetField("_connection", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(reader)!;
        var transaction = (DbTransaction)reader.GetType().GetField("_transaction", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(reader)!;
        Assert.Equal("repeatable read", connection.ExecuteScalar<string>("SHOW transaction_isolation", transaction: transaction));
        var error = Assert.Throws<PostgresException>(() => connection.Execute("DELETE FROM labels", transaction: transaction));

        Assert.Equal("25006", error.SqlState);
    }

    [Fact]
    public void Should_Open_New_Connections_After_The_Server_Restarted()
    {
        // Given a store whose pooled connections were opened before a crash of the server
        using var server = PostgresServer.StartPrivate();
        var registry = server.CreateDatabase();
        using (var writer = new PostgresMetadataStore(registry).Write())
        {
            writer.BindRoot(new RootBinding("root-1", "/srv/models", RegistryScenario.Start));
            writer.Commit();
        }

        server.Restart(immediate: true);

        // Then the next read and write open fresh connections instead of failing on the dead ones
        using (var reader = new PostgresMetadataStore(registry).Read())
        {
            Assert.Equal("root-1", reader.BoundRoot()!.RootId);
        }

        using (var writer = new PostgresMetadataStore(registry).Write())
        {
            Assert.Equal(1, writer.AdvanceRoot());
            writer.Commit();
        }
    }

    [Fact]
    public void Should_Say_Whether_The_Server_Runs_When_Nothing_Listens()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var store = new PostgresMetadataStore($"Host=127.0.0.1;Port={port};Username=nobody;Password=hunter2-secret;Database=x;Timeout=3");
        var error = Assert.Throws<RegistryException>(() => store.Read().Dispose());

        Assert.Contains($"is the server running at 127.0.0.1:{port}", error.Message);
        Assert.DoesNotContain("hunter2-secret", error.ToString());
    }

    [Fact]
    public void Should_Record_Times_As_Timestamptz_And_Json_As_Json()
    {
        _scenario.Push("one");
        using var connection = Raw();

        var types = connection.Query<(string Column, string Type)>(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'modelrelease' AND table_name = 'versions' AND column_name IN ('created_at', 'manifest', 'metrics', 'id')")
            .ToDictionary(c => c.Column, c => c.Type);

        Assert.Equal("timestamp with time zone", types["created_at"]);
        Assert.Equal("jsonb", types["manifest"]);
        Assert.Equal("json", types["metrics"]);
        Assert.Equal("bigint", types["id"]);
        Assert.Equal(RegistryScenario.Start, connection.ExecuteScalar<DateTime>("SELECT created_at FROM versions"));
    }
}
