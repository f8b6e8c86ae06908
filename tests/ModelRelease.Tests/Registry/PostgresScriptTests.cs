using System.Diagnostics;
using Npgsql;

namespace ModelRelease.Tests.Registry;

/// <summary>.ci/start-postgres.sh, which CI runs before the tests: a working server, a password it never prints, nothing left behind.</summary>
public sealed class PostgresScriptTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelrelease-script-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Should_Start_A_Password_Protected_Server_Print_No_Password_And_Delete_The_Cluster()
    {
        // When the script runs a command that connects with the exported settings and writes them down
        var settingsFile = Path.Combine(_directory, "settings");
        var answerFile = Path.Combine(_directory, "answer");
        var script = Path.Combine(RepositoryRoot(), ".ci", "start-postgres.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, "bash", "-c", """printf '%s' "$MODELRELEASE_TEST_POSTGRES" >"$1"; pg_isready -h 127.0.0.1 -p "$(sed 's/.*Port=\([0-9]*\).*/\1/' "$1")" >"$2" || true""", "_", settingsFile, answerFile })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).First() + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        var printed = await output + await error;

        // Then the server answered, the settings carry a password, the output never shows it, and the cluster is gone
        Assert.True(process.ExitCode == 0, printed);
        var settings = new NpgsqlConnectionStringBuilder(File.ReadAllText(settingsFile));
        Assert.Equal("127.0.0.1", settings.Host);
        Assert.True(settings.Password is { Length: >= 16 }, "no password in the exported settings");
        Assert.Contains("accepting connections", File.ReadAllText(answerFile));
        Assert.DoesNotContain(settings.Password, printed);
        var cluster = printed.Split("cluster in ")[1].Split(')')[0];
        Assert.False(Directory.Exists(cluster), $"{cluster} was left behind");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ModelRelease.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ModelRelease.slnx above {AppContext.BaseDirectory}: this test runs .ci/start-postgres.sh from the checkout.");
    }
}
