using ModelRelease.Testing;
using Xunit.Abstractions;

namespace ModelRelease.Tests.Registry;

/// <summary>
/// PostgreSQL restarted (immediate shutdown, as a crash) while a push or a label move of another process is in
/// flight, held at a point before its commit: the step fails with the store's message or completes, never half
/// applied (store and root agree, after Verify's repair of the journal at most), and running it again succeeds. The
/// cluster is a private one, so the restart disturbs no other test.
/// </summary>
public sealed class PostgresRestartTests : IDisposable
{
    private readonly PostgresServer _server = PostgresServer.StartPrivate();
    private readonly RegistryScenario _scenario;

    private readonly ITestOutputHelper _output;

    public PostgresRestartTests(ITestOutputHelper output)
    {
        _output = output;
        _scenario = new RegistryScenario(StoreKind.Postgres, _server.CreateDatabase());
    }

    public void Dispose()
    {
        _scenario.Dispose();
        _server.Dispose();
    }

    [Theory]
    [InlineData("after-copy")]
    [InlineData("before-sync")]
    [InlineData("before-commit")]
    public async Task Should_Push_Whole_Or_Not_At_All_When_The_Server_Restarts_In_Flight(string point)
    {
        // Given stable on v1
        var v1 = _scenario.Push("one");
        using (var setup = _scenario.Open())
        {
            setup.SetLabel("mnist", LabelNames.Stable, v1.Name);
        }

        var artifact = _scenario.Artifact("two");

        // When the server restarts while a push waits at the point, and the push then goes on
        var (exit, stderr) = await RestartDuring("push", _scenario.Root, "mnist", artifact, point);

        // Then it completed or left nothing: the new version is in the store exactly when the push succeeded
        using (var registry = _scenario.Open())
        {
            var names = registry.Versions("mnist").Select(v => v.Name).ToList();
            Assert.Equal(exit == 0 ? 2 : 1, names.Count);
            Assert.Equal(v1.Name, registry.VersionAt("mnist", LabelNames.Stable)!.Name);
            AgreeAfterRepair(registry, stderr);
        }

        // And the next run of the same push succeeds (or finds the version it already pushed)
        var again = await Run("push", _scenario.Root, "mnist", artifact);
        using var after = _scenario.Open();
        Assert.Equal(2, after.Versions("mnist").Count);
        Assert.Contains(after.Versions("mnist")[^1].Name, again);
        AgreeAfterRepair(after, "");
    }

    [Theory]
    [InlineData("before-sync")]
    [InlineData("before-commit")]
    public async Task Should_Move_A_Label_Whole_Or_Not_At_All_When_The_Server_Restarts_In_Flight(string point)
    {
        // Given stable on v1 and a v2
        var v1 = _scenario.Push("one");
        var v2 = _scenario.Push("two");
        using (var setup = _scenario.Open())
        {
            setup.SetLabel("mnist", LabelNames.Stable, v1.Name);
        }

        // When the server restarts while a move of stable to v2 waits at the point, and the move then goes on
        var (exit, stderr) = await RestartDuring("label", _scenario.Root, "mnist", LabelNames.Stable, v2.Name, point);

        // Then the store says v2 exactly when the move succeeded, and the link agrees after the repair
        using (var registry = _scenario.Open())
        {
            Assert.Equal(exit == 0 ? v2.Name : v1.Name, registry.VersionAt("mnist", LabelNames.Stable)!.Name);
            AgreeAfterRepair(registry, stderr);
            Assert.Equal($"versions/{registry.VersionAt("mnist", LabelNames.Stable)!.Name}", _scenario.LinkTarget(_scenario.Layout.LabelPath("mnist", LabelNames.Stable)));
        }

        // And the next run of the same move succeeds
        await Run("label", _scenario.Root, "mnist", LabelNames.Stable, v2.Name);
        using var after = _scenario.Open();
        Assert.Equal(v2.Name, after.VersionAt("mnist", LabelNames.Stable)!.Name);
        Assert.Equal($"versions/{v2.Name}", _scenario.LinkTarget(_scenario.Layout.LabelPath("mnist", LabelNames.Stable)));
        var history = after.LabelHistory("mnist", LabelNames.Stable);
        Assert.Equal([null, v1.Name], history.Select(e => e.FromVersion));
        AgreeAfterRepair(after, "");
    }

    /// <summary>Starts the probe held at the last argument's point, restarts the server (immediate), then lets it go on.</summary>
    private async Task<(int ExitCode, string Stderr)> RestartDuring(params string[] args)
    {
        var ready = _scenario.Temp.Combine("ready");
        var release = _scenario.Temp.Combine("release");
        using var probe = _scenario.Probe([.. args, ready, release]);
        await probe.WaitUntilHangingAsync(ready);
        _server.Restart(immediate: true);
        await File.WriteAllTextAsync(release, "go");
        var (exit, _, stderr) = await probe.ExitAsync();
        _output.WriteLine($"{args[0]} held at {args[^1]}, server restarted: exit {exit} {stderr}");

        // A failure is the store's own message (naming the server and what to do), not a raw driver error
        Assert.True(exit == 0 || (exit == 1 && stderr.Contains("PostgreSQL server at", StringComparison.Ordinal)), $"exit {exit}: {stderr}");
        Assert.DoesNotContain(_server.Password, stderr, StringComparison.Ordinal);
        return (exit, stderr);
    }

    private async Task<string> Run(params string[] args)
    {
        using var probe = _scenario.Probe(args);
        var (exit, stdout, stderr) = await probe.ExitAsync();
        Assert.True(exit == 0, stderr);
        return stdout;
    }

    /// <summary>Verify may find what the interrupted step left in the root; after its repair it is clean and the root says what the store says.</summary>
    private void AgreeAfterRepair(ModelRegistry registry, string stderr)
    {
        var found = registry.Verify();
        Assert.All(found.Findings, f => Assert.True(f.Repairable, $"{f.Kind} {f.Path}: {f.Problem} (step said: {stderr})"));
        registry.Repair();
        var after = registry.Verify();
        Assert.True(after.IsClean, string.Join(Environment.NewLine, after.Findings.Select(f => $"{f.Kind} {f.Path}: {f.Problem}")));
        Assert.Empty(_scenario.Disagreements("mnist"));
    }
}
