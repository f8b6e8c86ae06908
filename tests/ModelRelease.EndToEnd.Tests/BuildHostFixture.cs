namespace ModelRelease.EndToEnd.Tests;

/// <summary>
/// One repository copy shared by the tests that don't break it, so the collection pays for one cold host build.
/// The first ./build.sh call is made once, on first use, and kept: whichever test runs first, the "first run" test
/// still sees the cold build.
/// </summary>
public sealed class BuildHostFixture : IDisposable
{
    private readonly RepositoryCopy _copy = RepositoryCopy.Create();
    private readonly Lazy<BuildShResult> _firstRun;

    public BuildHostFixture() => _firstRun = new Lazy<BuildShResult>(() => _copy.Run("--tree"));

    /// <summary>The copy's first call, <c>./build.sh --tree</c>, made on a copy with no .build/ folder.</summary>
    public BuildShResult FirstRun => _firstRun.Value;

    /// <inheritdoc cref="RepositoryCopy.Root"/>
    public string Root => _copy.Root;

    /// <inheritdoc cref="RepositoryCopy.Run"/>
    public BuildShResult Run(params string[] args) => _copy.Run(args);

    /// <inheritdoc cref="RepositoryCopy.HostFolder"/>
    public string HostFolder => _copy.HostFolder;

    /// <inheritdoc cref="RepositoryCopy.RunFrom"/>
    public BuildShResult RunFrom(string relativeDirectory, params string[] args) => _copy.RunFrom(relativeDirectory, args);

    /// <inheritdoc cref="RepositoryCopy.RunPowerShell"/>
    public BuildShResult RunPowerShell(params string[] args) => _copy.RunPowerShell(args);

    /// <inheritdoc cref="RepositoryCopy.RunInTerminal"/>
    public BuildShResult RunInTerminal(bool noColor, params string[] args) => _copy.RunInTerminal(noColor, args);

    /// <inheritdoc cref="RepositoryCopy.PathOf"/>
    public string PathOf(string relative) => _copy.PathOf(relative);

    /// <summary>Each JIT profile in the current host build: its name, size and write time, to see whether a run rewrote one.</summary>
    public List<string> JitProfileStamps() =>
        Directory.GetFiles(Path.Combine(HostFolder, "jit-profiles"), "*.jitprofile").Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f).Ticks}").ToList();

    /// <summary>Makes sure the host is built (by the first run) and that it succeeded, so later calls start warm.</summary>
    public void EnsureHostBuilt()
    {
        var first = FirstRun;
        if (first.ExitCode != 0)
        {
            throw new InvalidOperationException($"The first ./build.sh call in the shared copy failed, so the host is not built:{Environment.NewLine}{first}");
        }
    }

    public void Dispose() => _copy.Dispose();
}
