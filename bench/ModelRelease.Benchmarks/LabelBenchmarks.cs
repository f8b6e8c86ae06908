using ModelRelease.Internal;
using BenchmarkDotNet.Attributes;

namespace ModelRelease.Benchmarks;

/// <summary>
/// One stable-label move through the registry (transaction, audit event, symlink swap, config rewrite, fsyncs)
/// on a registry with 20 versions and 300 stable events, against the bare symlink swap it wraps. Every call
/// alternates between two versions, so each one really moves the label.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MedianColumn]
public class LabelBenchmarks
{
    private string _work = null!;
    private ModelRegistry _registry = null!;
    private string _first = null!;
    private string _second = null!;
    private bool _toSecond = true;
    private long _unchanged;

    private string _link = null!;
    private string _linkDirectory = null!;
    private string _tempLink = null!;
    private bool _linkToB = true;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _work = BenchFixture.NewTempDirectory("label");
        var root = Path.Combine(_work, "root");
        _registry = ModelRegistry.Open(root, options: BenchFixture.Options());
        var versions = BenchFixture.PushTinyVersions(_registry, 20, _work);
        BenchFixture.SeedStableMoves(_registry, versions, 300);
        _first = versions[^2];
        _second = versions[^1];
        _registry.SetLabel(BenchFixture.Model, LabelNames.Stable, _first, new LabelChange("bench start"));

        // The bare swap works on its own model-like directory: versions/a, versions/b and a "stable" link.
        _linkDirectory = Path.Combine(_work, "bare");
        Directory.CreateDirectory(Path.Combine(_linkDirectory, "versions", "a"));
        Directory.CreateDirectory(Path.Combine(_linkDirectory, "versions", "b"));
        _link = Path.Combine(_linkDirectory, "stable");
        _tempLink = Path.Combine(_linkDirectory, $".stable.tmp-{Environment.ProcessId}");
        File.CreateSymbolicLink(_link, Path.Combine("versions", "a"));
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _registry.Dispose();
        BenchFixture.Delete(_work);
        if (_unchanged > 0)
        {
            Console.WriteLine($"// WARNING: {_unchanged} SetLabel calls did not move the label.");
        }
    }

    [Benchmark(Description = "SetLabel stable (registry)")]
    public LabelChangeResult SetLabel()
    {
        var target = _toSecond ? _second : _first;
        _toSecond = !_toSecond;
        var result = _registry.SetLabel(BenchFixture.Model, LabelNames.Stable, target, new LabelChange("bench", Kind: EventKind.Rollback));
        if (!result.Changed)
        {
            _unchanged++;
        }

        return result;
    }

    [Benchmark(Baseline = true, Description = "Bare swap: symlink + rename(2)")]
    public void BareSwap() => Swap(fsync: false);

    [Benchmark(Description = "Bare swap + fsync(dir)")]
    public void BareSwapFsync() => Swap(fsync: true);

    private void Swap(bool fsync)
    {
        var target = Path.Combine("versions", _linkToB ? "b" : "a");
        _linkToB = !_linkToB;
        File.CreateSymbolicLink(_tempLink, target);
        Posix.Rename(_tempLink, _link);
        if (fsync)
        {
            Posix.FsyncDirectory(_linkDirectory);
        }
    }
}
