using System.Net;
using System.Net.Sockets;
using ModelRelease.Testing;

namespace ModelRelease.Tests.Registry;

/// <summary>
/// The PostgreSQL tests fail, never skip, when <c>$MODELRELEASE_TEST_POSTGRES</c> names a server that does not answer:
/// the fixture refuses it with a message naming the variable and the fix, without the password.
/// </summary>
public sealed class PostgresServerFixtureTests
{
    [Fact]
    public void Should_Fail_With_The_Variable_And_No_Password_When_The_Given_Server_Does_Not_Answer()
    {
        // Given a connection string to a port nothing listens on
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        const string password = "not-a-real-secret-7f3a";
        var given = $"Host=127.0.0.1;Port={port};Username=modelrelease;Password={password};Database=postgres";

        // When the fixture is given it; then it throws (the tests using it fail), naming the variable and the fix
        var error = Assert.Throws<InvalidOperationException>(() => PostgresServer.Given(given));
        Assert.Contains(PostgresServer.Variable, error.Message);
        Assert.Contains("does not answer", error.Message);
        Assert.Contains($"Port={port}", error.Message);
        Assert.DoesNotContain(password, error.Message, StringComparison.Ordinal);
    }
}
