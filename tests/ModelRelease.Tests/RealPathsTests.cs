using ModelRelease.Internal;
using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests;

public sealed class RealPathsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [UnixFact]
    public void Should_Resolve_Every_Link_In_A_Path_Like_Realpath()
    {
        // Given: hop -> real, real/up -> .. (back to the temp directory)
        _temp.CreateDirectory("real/inner");
        Directory.CreateSymbolicLink(_temp.Combine("hop"), "real");
        Directory.CreateSymbolicLink(_temp.Combine("real/up"), "..");

        // When
        var real = RealPaths.Resolve(_temp.Combine("hop/up/real/inner"), out var loop);

        // Then
        Assert.Equal(Path.Combine(_temp.RealPath, "real", "inner"), real);
        Assert.False(loop);
    }

    [UnixFact]
    public void Should_Resolve_DotDot_After_A_Link_From_Where_The_Link_Leads()
    {
        // Given: d -> x/y, so d/../z is x/z (as the kernel resolves it), not the temp directory's own z
        _temp.WriteFile("x/z", "zed");
        _temp.CreateDirectory("x/y");
        Directory.CreateSymbolicLink(_temp.Combine("d"), "x/y");

        Assert.Equal(Path.Combine(_temp.RealPath, "x", "z"), RealPaths.Resolve(_temp.Combine("d/../z")));
    }

    [UnixFact]
    public void Should_Tell_A_Loop_Of_Links_From_A_Missing_Target()
    {
        File.CreateSymbolicLink(_temp.Combine("ping"), "pong");
        File.CreateSymbolicLink(_temp.Combine("pong"), "ping");
        File.CreateSymbolicLink(_temp.Combine("dangling"), "nowhere");

        Assert.Null(RealPaths.Resolve(_temp.Combine("ping"), out var loop));
        Assert.True(loop);
        Assert.Null(RealPaths.Resolve(_temp.Combine("dangling"), out loop));
        Assert.False(loop);
    }

    [Fact]
    public void Should_Return_Null_For_A_Path_That_Goes_Through_A_File()
    {
        _temp.WriteFile("file", "x");

        Assert.Null(RealPaths.Resolve(_temp.Combine("file/child")));
    }

    [Fact]
    public void Should_Return_A_Path_Without_Links_As_It_Is()
    {
        _temp.WriteFile("a/b.txt", "x");

        Assert.Equal(Path.Combine(_temp.RealPath, "a", "b.txt"), RealPaths.Resolve(_temp.Combine("a/./b.txt")));
    }
}
