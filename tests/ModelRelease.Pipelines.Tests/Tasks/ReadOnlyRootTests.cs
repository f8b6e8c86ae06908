using System.Diagnostics;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>
/// Read-only tasks open the store read-only, so they work on a serving root mounted read-only (as a model server's
/// replica or a backup often is). The root is a real read-only bind mount: the tests run as root on Linux, where
/// permission bits alone would not stop a write.
/// </summary>
public sealed class ReadOnlyRootTests : IDisposable
{
    private readonly ReleaseHost _host = new();
    private readonly string _mounted;

    public ReadOnlyRootTests()
    {
        _host.StableV1Then("v2");
        _mounted = Path.Combine(_host.WorkDirectory, "mounted_root");
        Directory.CreateDirectory(_mounted);
        Mount("--bind", _host.Root, _mounted);
        Mount("-o", "remount,bind,ro", _host.Root, _mounted);
    }

    public void Dispose()
    {
        Run("umount", _mounted);
        _host.Dispose();
    }

    [Fact]
    public void Should_Read_A_Read_Only_Root_With_Status_History_Verify_And_Rehearsals()
    {
        // Given a released root mounted read-only (a write there fails)
        Assert.Throws<IOException>(() => File.WriteAllText(Path.Combine(_mounted, "probe"), "x"));
        var before = _host.Snapshot();

        // When the read-only tasks and rehearsals run on it
        var root = $"--root={_mounted}";
        var runs = new[]
        {
            _host.Run("--target=Status", root),
            _host.Run("--target=History", root, "--format=json"),
            _host.Run("--target=Verify", root),
            _host.Run("--target=Validate", "--model=mnist", $"--artifact={_host.Artifact("v3")}", ReleaseHost.Metrics(0.9, 50), root, "--dryrun"),
            _host.Run("--target=Promote", "--model=mnist", "--version=v2", root, "--dryrun"),
        };

        // Then each works, and the root (its store included) is as it was
        foreach (var run in runs)
        {
            run.AssertExit(0);
        }

        Assert.Contains("v2", runs[0].Out);
        Assert.Contains("would move stable", RootSafetyTests.Flat(runs[4].Out));
        Assert.Equal(before, _host.Snapshot());
    }

    private static void Mount(params string[] args)
    {
        var (code, error) = Run("mount", args);
        Assert.True(code == 0, $"This test needs a read-only bind mount (it runs as root on Linux, as CI does): mount {string.Join(' ', args)} failed: {error}");
    }

    private static (int Code, string Error) Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}
