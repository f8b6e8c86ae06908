namespace ModelRelease.EndToEnd.Tests;

/// <summary>
/// The packages <c>./build.sh -t Pack</c> makes in a repository copy of their own (packing builds src/ and pipelines/,
/// which the shared copy's tests require unbuilt), made once, on first use. Their version is new every run
/// (<c>0.1.0-e2e.&lt;time&gt;.&lt;pid&gt;</c>): NuGet caches a package by id and version, so a repeated version would
/// restore an earlier run's bits instead of these.
/// </summary>
public sealed class PackedPackagesFixture : IDisposable
{
    /// <summary>The ids the Pack task packs.</summary>
    public static readonly IReadOnlyList<string> Ids = ["ModelRelease", "ModelRelease.Cake", "ModelRelease.Onnx", "ModelRelease.Serving", "ModelRelease.Pipelines", "ModelRelease.Templates"];

    private readonly RepositoryCopy _copy = RepositoryCopy.Create();
    private readonly Lazy<BuildShResult> _pack;

    public PackedPackagesFixture()
    {
        Version = $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        _pack = new Lazy<BuildShResult>(() => _copy.Run("--target=Pack", $"--package-version={Version}"));
    }

    /// <summary>The packages' version.</summary>
    public string Version { get; }

    /// <summary>The folder feed the Pack task writes: the copy's .build/packages.</summary>
    public string Feed => _copy.PathOf(".build/packages");

    /// <summary>The Pack call (made on first use).</summary>
    public BuildShResult Pack => _pack.Value;

    /// <summary>The repository copy the packages were made in.</summary>
    public RepositoryCopy Copy => _copy;

    /// <summary>The .nupkg of <paramref name="id"/> at <see cref="Version"/>.</summary>
    public string PathOf(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>Packs if not done yet, and fails with the Pack call's output unless it succeeded.</summary>
    public void EnsurePacked()
    {
        if (Pack.ExitCode != 0)
        {
            throw new InvalidOperationException($"./build.sh -t Pack failed, so there are no packages to test:{Environment.NewLine}{Pack}");
        }
    }

    public void Dispose() => _copy.Dispose();
}
