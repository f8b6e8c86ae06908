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
}
