namespace ModelRelease.EndToEnd.Tests;

/// <summary>A host that does not compile. It breaks its own repository copy, so the shared one stays usable.</summary>
public sealed class HostCompileErrorTests
{
    [Fact]
    public void Should_Fail_With_Compiler_Error_When_Host_Source_Does_Not_Compile()
    {
        // Given a fresh copy whose build host has a line that is not C#
        using var copy = RepositoryCopy.Create();
        var source = copy.PathOf("build/Program.cs");
        if (!File.Exists(source))
        {
            source = Directory.EnumerateFiles(copy.PathOf("build"), "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        }

        File.AppendAllText(source, Environment.NewLine + "this line is not C# (" + Environment.NewLine);

        // When ./build.sh runs
        var result = copy.Run("--tree");

        // Then it fails before the host runs, and stderr carries the compiler's error for that file
        Assert.True(result.ExitCode != 0, $"A host that does not compile must fail the call.{Environment.NewLine}{result}");
        Assert.True(result.StdErr.Contains("error CS", StringComparison.Ordinal), $"stderr should carry the compiler error.{Environment.NewLine}{result}");
        Assert.True(result.StdErr.Contains(Path.GetFileName(source), StringComparison.Ordinal), $"The compiler error should name {Path.GetFileName(source)}.{Environment.NewLine}{result}");
        Assert.False(result.StdOut.Contains("└──", StringComparison.Ordinal), $"No host should have run.{Environment.NewLine}{result}");
    }
}
