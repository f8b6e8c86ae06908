namespace ModelRelease.EndToEnd.Tests;

/// <summary>build.ps1 behaves as build.sh does, and the two recognise each other's host build.</summary>
[Collection(BuildHostCollection.Name)]
public sealed class BuildPs1Tests(BuildHostFixture fixture)
{
    [Fact]
    public void Should_Run_The_Host_Build_Sh_Built_Without_Rebuilding()
    {
        // Given a host built by build.sh
        fixture.EnsureHostBuilt();

        // When build.ps1 shows the tree
        var result = fixture.RunPowerShell("--tree");

        // Then it runs that host as it is
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(result.RebuiltHost, $"build.ps1 should reuse build.sh's host.{Environment.NewLine}{result}");
        Assert.Contains("└── Compile", result.StdOut);
    }

    [Theory]
    [InlineData("--tree")]
    [InlineData("-t", "Nope", "--target=Other", "--model=m")]
    [InlineData("--target=../Up/Not_A-Task")]
    public void Should_Record_A_Commands_Jit_Profile_Once_And_Then_Only_Replay_It(params string[] args)
    {
        // Given a built host and a command build.ps1 has run once, so its profile is recorded
        fixture.EnsureHostBuilt();
        fixture.RunPowerShell(args);
        var afterFirst = fixture.JitProfileStamps();

        // When build.ps1 runs it again
        fixture.RunPowerShell(args);

        // Then the run replays the profile and leaves every profile as it was (build.ps1 and the host name it alike)
        Assert.NotEmpty(afterFirst);
        Assert.Equal(afterFirst, fixture.JitProfileStamps());
    }

    [Fact]
    public void Should_Rebuild_After_A_Change_And_Leave_A_Host_Build_Sh_Accepts()
    {
        // Given a built host and a touched source file
        fixture.EnsureHostBuilt();
        var source = fixture.PathOf("src/ModelRelease/Names.cs");
        var stamp = File.GetLastWriteTimeUtc(Path.Combine(fixture.HostFolder, ".stamp"));
        var touched = DateTime.UtcNow > stamp ? DateTime.UtcNow : stamp.AddMilliseconds(10);
        File.SetLastWriteTimeUtc(source, touched);
        SpinWait.SpinUntil(() => DateTime.UtcNow > touched.AddMilliseconds(10));

        // When build.ps1 runs, then build.sh
        var rebuilt = fixture.RunPowerShell("--tree");
        var after = fixture.Run("--tree");

        // Then build.ps1 rebuilt, and build.sh found that build fresh
        Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
        Assert.True(rebuilt.RebuiltHost, $"A touched source should make build.ps1 rebuild.{Environment.NewLine}{rebuilt}");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.False(after.RebuiltHost, $"build.sh should accept build.ps1's build.{Environment.NewLine}{after}");
    }

    [Fact]
    public void Should_Pass_The_Host_Exit_Code_Through()
    {
        // Given a built host
        fixture.EnsureHostBuilt();

        // When the target is unknown
        var result = fixture.RunPowerShell("--target=Nope");

        // Then build.ps1 exits 2 like the host, with the host's message
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Target 'Nope' not found", result.StdErr);
    }

    // pwsh -File binds an argument starting with '-' like a parameter and splits it at its first ':'. These run the
    // README's own examples through build.ps1 and check that the host saw each argument as it was typed.

    [Fact]
    public void Should_Pass_Inline_Metrics_Json_Through_Intact()
    {
        // Given a built host and the README's Validate example with its metrics inline
        fixture.EnsureHostBuilt();

        // When build.ps1 runs it (split at the ':' after "accuracy", the host would see '--metrics={"accuracy"')
        var result = fixture.RunPowerShell("--target=Validate", "--model=sentiment", "--artifact=pipelines/samples/sentiment/model",
            "--metrics={\"accuracy\": 0.9567, \"latency_p99_ms\": 41.5}", "--root=ps1-inline-metrics");

        // Then the host read both metrics and blessed the candidate
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("0.9567", result.StdOut);
        Assert.Contains("41.5", result.StdOut);
    }

    [Fact]
    public void Should_Pass_An_Iso_Time_With_Colons_Through_Intact()
    {
        // Given a built host
        fixture.EnsureHostBuilt();

        // When build.ps1 runs History with the README's --since form, an ISO time holding two ':'
        var result = fixture.RunPowerShell("--target=History", "--since=2026-11-28T09:30:00Z", "--root=ps1-history");

        // Then the host took it as one argument (split, it refuses "Unexpected '30:00Z'" with exit 2)
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("Unexpected", result.StdErr);
    }

    [Fact]
    public void Should_Pass_A_Windows_Path_With_Colon_And_Backslash_Through_Intact()
    {
        // Given a built host
        fixture.EnsureHostBuilt();

        // When build.ps1 passes a Windows-style path, which on Linux is a relative name that does not exist
        var result = fixture.RunPowerShell("--target=Validate", "--model=sentiment", "--artifact=C:\\models\\sentiment",
            "--metrics=pipelines/samples/sentiment/metrics.json", "--root=ps1-windows-path");

        // Then the host's error names the path exactly as typed, not 'C' and '\models\sentiment'
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(fixture.PathOf("C:\\models\\sentiment"), result.StdErr);
        Assert.DoesNotContain("Unexpected", result.StdErr);
    }
}
