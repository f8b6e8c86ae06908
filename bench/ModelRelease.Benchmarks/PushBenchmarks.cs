using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace ModelRelease.Benchmarks;

/// <summary>
/// Pushing a 64 MiB SavedModel-like artifact, against what a careful shell script does (cp -r, then sha256sum the
/// copy) with and without fsync. Each iteration gets a fresh serving root with an empty store already created,
/// and a different variables.index, so every push really copies (identical bytes would return the old version).
/// The source files are in the page cache: this measures hashing, copying and flushing, not a cold read.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10, invocationCount: 1)]
[MedianColumn]
public class PushBenchmarks
{
    private const int MiB = 1 << 20;

    private static readonly string[] Files =
    [
        "saved_model.pb",
        Path.Combine("variables", "variables.data-00000-of-00001"),
        Path.Combine("variables", "variables.index"),
    ];

    private string _work = null!;
    private string _artifact = null!;
    private string _root = null!;
    private ModelRegistry? _registry;
    private int _iteration;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _work = BenchFixture.NewTempDirectory("push");
        _artifact = Path.Combine(_work, "artifact");
        Directory.CreateDirectory(Path.Combine(_artifact, "variables"));
        var random = new Random(42);
        WriteRandom(Path.Combine(_artifact, Files[0]), 1 * MiB, random);
        WriteRandom(Path.Combine(_artifact, Files[1]), 63 * MiB, random);
        WriteRandom(Path.Combine(_artifact, Files[2]), 4096, random);
    }

    [IterationSetup]
    public void IterationSetup()
    {
        _iteration++;
        var index = new byte[4096];
        BitConverter.TryWriteBytes(index, _iteration);
        File.WriteAllBytes(Path.Combine(_artifact, Files[2]), index);

        _root = Path.Combine(_work, $"root-{_iteration}");
        Directory.CreateDirectory(_root);
        _registry = ModelRegistry.Open(_root, options: BenchFixture.Options());

        // Creates registry.db with its schema, so the measured push is a push into an existing (empty) store.
        _registry.Sync();
    }

    [IterationCleanup]
    public void IterationCleanup()
    {
        _registry?.Dispose();
        _registry = null;
        BenchFixture.Delete(_root);
    }

    [GlobalCleanup]
    public void GlobalCleanup() => BenchFixture.Delete(_work);

    [Benchmark(Description = "Push (scan+hash, copy+hash, fsync, SQLite, sync)")]
    public PushResult Push()
    {
        var result = _registry!.Push(BenchFixture.Request(_artifact));
        return result.Created ? result : throw new InvalidOperationException("The push returned an existing version; the artifact bytes did not change.");
    }

    [Benchmark(Baseline = true, Description = "Script: File.Copy tree + SHA-256 each copy")]
    public int CopyThenHash() => CopyTree(flush: false);

    [Benchmark(Description = "Script + fsync each copied file")]
    public int CopyThenHashFsync() => CopyTree(flush: true);

    private int CopyTree(bool flush)
    {
        var destination = Path.Combine(_root, "copy");
        Directory.CreateDirectory(Path.Combine(destination, "variables"));
        var digests = 0;
        foreach (var file in Files)
        {
            var target = Path.Combine(destination, file);
            File.Copy(Path.Combine(_artifact, file), target);
            using var stream = new FileStream(target, FileMode.Open, flush ? FileAccess.ReadWrite : FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            digests += SHA256.HashData(stream)[0];
            if (flush)
            {
                stream.Flush(flushToDisk: true);
            }
        }

        return digests;
    }

    private static void WriteRandom(string path, int length, Random random)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
    }
}
