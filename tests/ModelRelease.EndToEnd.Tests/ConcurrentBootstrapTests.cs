namespace ModelRelease.EndToEnd.Tests;

/// <summary>Two jobs calling ./build.sh at once on a checkout whose host is not built yet.</summary>
public sealed class ConcurrentBootstrapTests
{
    [Fact]
    public async Task Should_Build_The_Host_Once_When_Two_Calls_Start_Together()
    {
        // Given a fresh copy with no built host
        using var copy = RepositoryCopy.Create();

        // When two ./build.sh calls start at the same moment
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => copy.Run("--tree"))));

        // Then both succeed and show the tree, and only one of them compiled (the other waited for the lock)
        foreach (var result in results)
        {
            Assert.True(result.ExitCode == 0, $"Both calls must succeed.{Environment.NewLine}{result}");
            Assert.True(result.StdOut.Contains("└── Compile", StringComparison.Ordinal), $"Both calls must run the host.{Environment.NewLine}{result}");
        }

        Assert.True(results.Count(r => r.RebuiltHost) == 1, $"Exactly one call should build the host.{Environment.NewLine}{results[0]}{Environment.NewLine}{results[1]}");
    }
}
