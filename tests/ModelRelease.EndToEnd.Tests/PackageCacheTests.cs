using System.Text.Json;

namespace ModelRelease.EndToEnd.Tests;

/// <summary>The repository's own build where CI caches put NuGet's packages: NUGET_PACKAGES set without a trailing slash.</summary>
public sealed class PackageCacheTests
{
    [Fact]
    public void Should_Find_Cake_In_The_Package_Cache_When_NUGET_PACKAGES_Has_No_Trailing_Slash()
    {
        // Given a fresh copy and NUGET_PACKAGES naming the same cache as now, without its trailing slash
        using var copy = RepositoryCopy.Create();
        var cache = ConsumerRepository.GlobalPackagesFolder() ?? throw new InvalidOperationException("dotnet nuget locals printed no global-packages folder.");
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = cache.TrimEnd('/', '\\') };
        var project = copy.PathOf("src/ModelRelease.Cake/ModelRelease.Cake.csproj");

        // When the project restores and MSBuild evaluates its Cake references
        var restore = ChildProcess.Run("dotnet", ["restore", project], copy.Root, environment);
        var evaluation = ChildProcess.Run("dotnet", ["msbuild", project, "-getProperty:NuGetPackageRoot", "-getItem:Reference"], copy.Root, environment);

        // Then NuGetPackageRoot really lacks the slash, and both references still point at files that exist
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.True(evaluation.ExitCode == 0, evaluation.ToString());
        using var json = JsonDocument.Parse(evaluation.StdOut);
        var root = json.RootElement.GetProperty("Properties").GetProperty("NuGetPackageRoot").GetString();
        Assert.False(string.IsNullOrEmpty(root) || root.EndsWith('/') || root.EndsWith('\\'), $"NuGetPackageRoot should have no trailing slash here, but is '{root}'.");
        var hintPaths = json.RootElement.GetProperty("Items").GetProperty("Reference").EnumerateArray()
            .Where(r => r.TryGetProperty("HintPath", out _))
            .ToDictionary(r => r.GetProperty("Identity").GetString()!, r => r.GetProperty("HintPath").GetString()!);
        foreach (var assembly in new[] { "Cake.Core", "Cake.Common" })
        {
            Assert.True(File.Exists(hintPaths[assembly]), $"{assembly}'s HintPath {hintPaths[assembly]} does not exist.");
        }
    }
}
