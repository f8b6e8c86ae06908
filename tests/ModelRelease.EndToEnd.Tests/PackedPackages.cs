namespace ModelRelease.EndToEnd.Tests;

/// <summary>
/// The packages <c>./build.sh -t Pack</c> made in the shared repository copy, made once per test run. Their version
/// is new every run (<c>0.1.0-e2e.&lt;time&gt;.&lt;pid&gt;</c>): NuGet caches a package by id and version, so a
/// repeated version would restore an earlier run's bits instead of these.
/// </summary>
public sealed class PackedPackages
{
    /// <summary>The ids the Pack task packs.</summary>
    public static readonly IReadOnlyList<string> Ids = ["ModelRelease", "ModelRelease.Cake", "ModelRelease.Pipelines", "ModelRelease.Templates"];

    private static readonly Lock Gate = new();
    private static (BuildHostFixture Fixture, PackedPackages Packages)? _made;

    private PackedPackages(string version, string feed, BuildShResult pack)
    {
        Version = version;
        Feed = feed;
        Pack = pack;
    }

    /// <summary>The packages' version.</summary>
    public string Version { get; }

    /// <summary>The folder feed the Pack task wrote: the copy's .build/packages.</summary>
    public string Feed { get; }

    /// <summary>The Pack call itself.</summary>
    public BuildShResult Pack { get; }

    /// <summary>Packs in <paramref name="fixture"/>'s copy on first use; later calls get the same packages.</summary>
    public static PackedPackages In(BuildHostFixture fixture)
    {
        lock (Gate)
        {
            if (_made is { } made && ReferenceEquals(made.Fixture, fixture))
            {
                return made.Packages;
            }

            fixture.EnsureHostBuilt();
            var version = $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
            var pack = fixture.Run("--target=Pack", $"--package-version={version}");
            var packages = new PackedPackages(version, fixture.PathOf(".build/packages"), pack);
            _made = (fixture, packages);
            return packages;
        }
    }

    /// <summary>The .nupkg of <paramref name="id"/> at <see cref="Version"/>.</summary>
    public string PathOf(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>Fails with the Pack call's output unless it succeeded.</summary>
    public void EnsurePacked()
    {
        if (Pack.ExitCode != 0)
        {
            throw new InvalidOperationException($"./build.sh -t Pack failed, so there are no packages to test:{Environment.NewLine}{Pack}");
        }
    }
}
