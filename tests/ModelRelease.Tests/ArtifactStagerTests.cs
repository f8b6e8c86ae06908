using ModelRelease.Internal;
using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests;

/// <summary>
/// The push's one-pass copy: what it writes, and the manifest it builds from what it wrote, equal the scan's, with
/// the files read once and several at a time.
/// </summary>
public sealed class ArtifactStagerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Should_Produce_The_Same_Manifest_And_Bytes_As_The_Scan()
    {
        // Given an artifact with nested files, an empty file, an empty directory and a link inside it
        var artifact = _temp.CreateDirectory("artifact");
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        _temp.WriteFile("artifact/variables/variables.index", "index");
        _temp.WriteFile("artifact/variables/variables.data-00000-of-00001", RandomBytes(3 << 20, seed: 1));
        _temp.WriteFile("artifact/assets/empty.txt", string.Empty);
        _temp.CreateDirectory("artifact/assets.extra");
        File.CreateSymbolicLink(Path.Combine(artifact, "graph.pb"), "saved_model.pb");

        // When it is staged in one pass
        var destination = _temp.Combine("copy");
        var manifest = ArtifactStager.Stage(ArtifactScanner.Walk(artifact), destination, _ => { });

        // Then the manifest is the scan's, the copy scans the same, and the files are read-only
        var scanned = ArtifactScanner.Scan(artifact).Manifest;
        Assert.Equal(scanned.Digest, manifest.Digest);
        Assert.Equal(scanned.Entries, manifest.Entries);
        Assert.Equal(scanned.Digest, ArtifactScanner.Scan(destination).Manifest.Digest);
        Assert.True(Directory.Exists(Path.Combine(destination, "assets.extra")));
        Assert.Null(new FileInfo(Path.Combine(destination, "graph.pb")).LinkTarget);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(Path.Combine(destination, "variables", "variables.index")));
        }
    }

    [Fact]
    public void Should_Copy_Many_Files_In_Parallel_And_Report_Every_Byte()
    {
        // Given an artifact of 60 files of many sizes
        var artifact = _temp.CreateDirectory("many");
        for (var i = 0; i < 60; i++)
        {
            _temp.WriteFile($"many/shard-{i / 10}/part-{i:D2}", RandomBytes((i % 7) * 150_000 + i, seed: i));
        }

        // When it is staged, counting the threads that copied and the progress reported
        var threads = new HashSet<int>();
        var reports = new List<PushProgress>();
        var progress = new SyncProgress(p => { lock (reports) { reports.Add(p); } });
        var walked = ArtifactScanner.Walk(artifact);
        // The first file's copy waits (up to 10 s) for another thread to start one, so a busy thread pool that would
        // have finished all 60 small files on one thread before a second worker started cannot make this flaky.
        using var another = new ManualResetEventSlim();
        var waited = 0;
        void Copied(string at)
        {
            if (!at.StartsWith("copy-file:", StringComparison.Ordinal))
            {
                return;
            }

            lock (threads)
            {
                threads.Add(Environment.CurrentManagedThreadId);
                if (threads.Count > 1)
                {
                    another.Set();
                }
            }

            if (Interlocked.Exchange(ref waited, 1) == 0)
            {
                another.Wait(TimeSpan.FromSeconds(10));
            }
        }

        var manifest = ArtifactStager.Stage(walked, _temp.Combine("copy"), Copied, progress);

        // Then every file is there with the scan's hash, and the last report says all bytes and files are done
        Assert.Equal(ArtifactScanner.Scan(artifact).Manifest.Digest, manifest.Digest);
        Assert.Equal(60, manifest.FileCount);
        Assert.Equal(walked.TotalBytes, reports.Max(r => r.BytesCopied));
        Assert.Equal(60, reports.Max(r => r.FilesCopied));
        Assert.All(reports, r => Assert.Equal(walked.TotalBytes, r.TotalBytes));
        if (Environment.ProcessorCount > 1)
        {
            Assert.True(threads.Count > 1, "the files should be copied on more than one thread");
        }
    }

    [Fact]
    public void Should_Refuse_A_File_Written_Between_The_Walk_And_The_Copy_And_Leave_Nothing()
    {
        // Given a walked artifact whose file is then rewritten with the same size
        var artifact = _temp.CreateDirectory("artifact");
        var file = _temp.WriteFile("artifact/saved_model.pb", "graph-1");
        var walked = ArtifactScanner.Walk(artifact);
        File.WriteAllText(file, "graph-2");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));

        // When it is staged
        var destination = _temp.Combine("copy");
        var error = Assert.Throws<RegistryException>(() => ArtifactStager.Stage(walked, destination, _ => { }));

        // Then it is refused by its stat, and no copy is left
        Assert.Contains("changed while it was being copied: saved_model.pb", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(destination));
    }

    [Fact]
    public void Should_Copy_Through_A_Buffer_Where_The_Kernel_Copy_Is_Not_Offered()
    {
        // Given an artifact on another filesystem (tmpfs), where copy_file_range answers EXDEV since Linux 5.19
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/dev/shm"))
        {
            return;
        }

        var artifact = Directory.CreateDirectory(Path.Combine("/dev/shm", "stager-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(artifact, "saved_model.pb"), RandomBytes(5 << 20, seed: 7));
            File.WriteAllText(Path.Combine(artifact, "small.txt"), "small");

            // When it is staged onto the test's filesystem
            var manifest = ArtifactStager.Stage(ArtifactScanner.Walk(artifact), _temp.Combine("copy"), _ => { });

            // Then the buffered one-pass copy gives the scan's manifest and the same bytes
            Assert.Equal(ArtifactScanner.Scan(artifact).Manifest.Entries, manifest.Entries);
            Assert.Equal(File.ReadAllBytes(Path.Combine(artifact, "saved_model.pb")), File.ReadAllBytes(_temp.Combine("copy", "saved_model.pb")));
        }
        finally
        {
            Directory.Delete(artifact, recursive: true);
        }
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool, after the copy returned).</summary>
    private sealed class SyncProgress(Action<PushProgress> report) : IProgress<PushProgress>
    {
        public void Report(PushProgress value) => report(value);
    }
}
