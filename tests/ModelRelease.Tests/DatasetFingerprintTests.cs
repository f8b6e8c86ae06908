using ModelRelease.Tests.Fixtures;
using static ModelRelease.Tests.Fixtures.DatasetFixture;

namespace ModelRelease.Tests;

public sealed class DatasetFingerprintTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Should_Fingerprint_Relative_Paths_Sizes_And_Contents_Including_Dotfiles()
    {
        var data = WriteDataset("data", ("train/a.csv", "1,2\n"), ("train/b.csv", ""), (".meta", "source=web"), ("README", "x"));

        var version = DatasetVersionResolver.Resolve(null, data);

        var expected = Fingerprint(("train/a.csv", "1,2\n"), ("train/b.csv", ""), (".meta", "source=web"), ("README", "x"));
        Assert.Equal(new DatasetVersion(expected, DatasetVersionSource.Fingerprint), version);
    }

    [Fact]
    public void Should_Give_The_Same_Fingerprint_Across_Runs_And_Copies_Elsewhere()
    {
        (string, string)[] files = [("a.csv", "1,2"), ("sub/deep/b.bin", "\u0001\u0002"), ("c.txt", "")];
        var original = WriteDataset("one/data", files);
        var copy = WriteDataset("two/renamed-copy", files);

        var first = DatasetVersionResolver.Resolve(null, original);

        Assert.Equal(first, DatasetVersionResolver.Resolve(null, original));
        Assert.Equal(first, DatasetVersionResolver.Resolve(null, copy));
    }

    [Fact]
    public void Should_Change_The_Fingerprint_When_A_Byte_Changes()
    {
        var data = WriteDataset("data", ("a.csv", "1,2"), ("b.csv", "3,4"));
        var before = DatasetVersionResolver.Resolve(null, data).Value;

        File.WriteAllText(Path.Combine(data, "b.csv"), "3,5");

        Assert.NotEqual(before, DatasetVersionResolver.Resolve(null, data).Value);
        Assert.Equal(Fingerprint(("a.csv", "1,2"), ("b.csv", "3,5")), DatasetVersionResolver.Resolve(null, data).Value);
    }

    [Fact]
    public void Should_Change_The_Fingerprint_When_A_File_Is_Renamed()
    {
        var data = WriteDataset("data", ("a.csv", "1,2"), ("b.csv", "3,4"));
        var before = DatasetVersionResolver.Resolve(null, data).Value;

        File.Move(Path.Combine(data, "b.csv"), Path.Combine(data, "c.csv"));

        Assert.NotEqual(before, DatasetVersionResolver.Resolve(null, data).Value);
    }

    [Fact]
    public void Should_Change_The_Fingerprint_When_An_Empty_File_Is_Added()
    {
        var data = WriteDataset("data", ("a.csv", "1,2"));
        var before = DatasetVersionResolver.Resolve(null, data).Value;

        File.WriteAllBytes(Path.Combine(data, "_SUCCESS"), []);

        Assert.NotEqual(before, DatasetVersionResolver.Resolve(null, data).Value);
    }

    [Fact]
    public void Should_Leave_Out_The_Dvc_Folder()
    {
        var data = WriteDataset("data", ("a.csv", "1,2"));
        _temp.WriteFile("data/.dvc/cache/files/md5/d8/e8fca2", "cached");
        _temp.WriteFile("data/.dvc/config", "[core]");

        Assert.Equal(Fingerprint(("a.csv", "1,2")), DatasetVersionResolver.Resolve(null, data).Value);
    }

    [Fact]
    public void Should_Fingerprint_A_Single_File_Under_Its_Name()
    {
        var file = _temp.WriteFile("train.csv", "1,2\n3,4\n");

        var version = DatasetVersionResolver.Resolve(null, file);

        Assert.Equal(new DatasetVersion(Fingerprint(("train.csv", "1,2\n3,4\n")), DatasetVersionSource.Fingerprint), version);
    }

    [Fact]
    public void Should_Follow_A_Symlink_To_A_File_Outside_The_Dataset()
    {
        var outside = _temp.WriteFile("cache/ab/cdef", "cached rows");
        var data = WriteDataset("data", ("a.csv", "1,2"));
        File.CreateSymbolicLink(Path.Combine(data, "linked.csv"), outside);

        Assert.Equal(Fingerprint(("a.csv", "1,2"), ("linked.csv", "cached rows")), DatasetVersionResolver.Resolve(null, data).Value);

        File.WriteAllText(outside, "other rows");
        Assert.Equal(Fingerprint(("a.csv", "1,2"), ("linked.csv", "other rows")), DatasetVersionResolver.Resolve(null, data).Value);
    }

    [Fact]
    public void Should_Follow_A_Relative_Symlink_To_A_Directory_Outside_The_Dataset()
    {
        _temp.WriteFile("shared/labels/l.txt", "cat");
        var data = WriteDataset("data", ("a.csv", "1,2"));
        Directory.CreateSymbolicLink(Path.Combine(data, "labels"), Path.Combine("..", "shared", "labels"));

        Assert.Equal(Fingerprint(("a.csv", "1,2"), ("labels/l.txt", "cat")), DatasetVersionResolver.Resolve(null, data).Value);
    }

    [Fact]
    public void Should_Refuse_A_Symlink_Loop_Back_Into_The_Dataset_Instead_Of_Hanging()
    {
        var data = WriteDataset("data", ("sub/a.csv", "1,2"));
        Directory.CreateSymbolicLink(Path.Combine(data, "sub", "loop"), "..");

        var exception = Assert.Throws<RegistryException>(() => DatasetVersionResolver.Resolve(null, data));

        Assert.Equal(
            $"dataset '{data}': 'sub/loop' is a symbolic link loop: it leads back into the dataset root, which contains it; remove the link, or pass --dataset-version=<version>.",
            exception.Message);
    }

    [Fact]
    public void Should_Refuse_Symlinks_That_Point_At_Each_Other()
    {
        var data = WriteDataset("data", ("a.csv", "1,2"));
        File.CreateSymbolicLink(Path.Combine(data, "x"), "y");
        File.CreateSymbolicLink(Path.Combine(data, "y"), "x");

        var exception = Assert.Throws<RegistryException>(() => DatasetVersionResolver.Resolve(null, data));

        Assert.Contains("'x' is a symbolic link that cannot be resolved (a loop or a missing target)", exception.Message);
    }

    [Fact]
    public void Should_Refuse_A_Broken_Symlink()
    {
        var data = WriteDataset("data", ("a.csv", "1,2"));
        File.CreateSymbolicLink(Path.Combine(data, "gone.csv"), _temp.Combine("nowhere.csv"));

        var exception = Assert.Throws<RegistryException>(() => DatasetVersionResolver.Resolve(null, data));

        Assert.Contains("'gone.csv' is a symbolic link that cannot be resolved", exception.Message);
    }

    [Fact]
    public void Should_Refuse_A_File_Name_With_A_Control_Character()
    {
        // Windows refuses such names itself; Unix file systems allow anything but '/' and NUL.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var data = WriteDataset("data", ("a.csv", "1,2"), ("b\tc.csv", "3,4"));

        var exception = Assert.Throws<RegistryException>(() => DatasetVersionResolver.Resolve(null, data));

        Assert.Contains("'b\\u0009c.csv' has a control character in its name; rename it", exception.Message);
    }

    [Fact]
    public void Should_Fingerprint_A_Dataset_That_Is_Itself_A_Symlink_To_A_Directory()
    {
        WriteDataset("cache/v3", ("a.csv", "1,2"));
        var link = _temp.Combine("data");
        Directory.CreateSymbolicLink(link, _temp.Combine("cache", "v3"));

        Assert.Equal(Fingerprint(("a.csv", "1,2")), DatasetVersionResolver.Resolve(null, link).Value);
    }

    [Fact]
    public void Should_Refuse_An_Empty_Dataset_Directory()
    {
        var data = _temp.CreateDirectory("data");
        _temp.CreateDirectory("data/empty/too");

        var exception = Assert.Throws<RegistryException>(() => DatasetVersionResolver.Resolve(null, data));

        Assert.StartsWith($"dataset '{data}' is empty", exception.Message);
    }

    [Fact]
    public void Should_Ignore_Empty_Directories_In_The_Fingerprint()
    {
        var data = WriteDataset("data", ("a.csv", "1,2"));
        _temp.CreateDirectory("data/empty/too");

        Assert.Equal(Fingerprint(("a.csv", "1,2")), DatasetVersionResolver.Resolve(null, data).Value);
    }

    [UnixFact]
    public async Task Should_Refuse_A_Fifo_In_A_Dataset_Without_Opening_It()
    {
        // Given
        var data = WriteDataset("data", ("a.csv", "1,2"));
        var fifo = Path.Combine(data, "stream");
        SpecialFiles.MakeFifo(fifo);

        // When: opening a FIFO for reading blocks until a writer comes, so a regression would hang here
        var exception = await ResolveExpectingRefusal(data, fifo);

        // Then
        Assert.Equal(
            $"dataset '{data}': 'stream' is a named pipe (FIFO), not a regular file or directory, so it has no content to fingerprint; remove it, or pass --dataset-version=<version>.",
            exception.Message);
    }

    [UnixFact]
    public async Task Should_Refuse_A_Socket_In_A_Dataset()
    {
        var data = WriteDataset("data", ("a.csv", "1,2"));
        using var socket = SpecialFiles.BindSocket(Path.Combine(data, "feed.sock"));

        var exception = await ResolveExpectingRefusal(data, fifo: null);

        Assert.Equal(
            $"dataset '{data}': 'feed.sock' is a socket, not a regular file or directory, so it has no content to fingerprint; remove it, or pass --dataset-version=<version>.",
            exception.Message);
    }

    [UnixFact]
    public async Task Should_Refuse_A_Symlink_To_A_Fifo_Outside_The_Dataset()
    {
        // Given: links may lead anywhere (DVC's cache), but not to something that is not plain data
        var data = WriteDataset("data", ("a.csv", "1,2"));
        var fifo = _temp.Combine("elsewhere", "stream");
        _temp.CreateDirectory("elsewhere");
        SpecialFiles.MakeFifo(fifo);
        _temp.CreateDirectory("data/sub");
        File.CreateSymbolicLink(Path.Combine(data, "sub", "rows.csv"), fifo);

        // When
        var exception = await ResolveExpectingRefusal(data, fifo);

        // Then
        Assert.Equal(
            $"dataset '{data}': 'sub/rows.csv' is a symbolic link to a named pipe (FIFO), not a regular file or directory, so it has no content to fingerprint; remove it, or pass --dataset-version=<version>.",
            exception.Message);
    }

    [UnixFact]
    public async Task Should_Refuse_A_Dataset_That_Is_A_Fifo()
    {
        var fifo = _temp.Combine("stream");
        SpecialFiles.MakeFifo(fifo);

        var exception = await ResolveExpectingRefusal(fifo, fifo);

        Assert.StartsWith($"dataset '{fifo}': 'stream' is a named pipe (FIFO), not a regular file or directory", exception.Message);
    }

    private string WriteDataset(string relative, params (string Path, string Content)[] files) => DatasetFixture.WriteDataset(_temp, relative, files);

    /// <summary>
    /// Resolves expecting a refusal, within a time limit: a walk that opened a FIFO would block forever, and the
    /// limit turns that into a failure. A writer then frees the stuck thread so the test run can end.
    /// </summary>
    private static async Task<RegistryException> ResolveExpectingRefusal(string dataset, string? fifo)
    {
        var resolve = Task.Run(() => DatasetVersionResolver.Resolve(null, dataset));
        try
        {
            await resolve.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            if (fifo is not null)
            {
                await using (new FileStream(fifo, FileMode.Open, FileAccess.Write))
                {
                }
            }

            Assert.Fail("Resolving the dataset opened a special file and blocked instead of refusing it.");
        }
        catch (RegistryException)
        {
            // Expected; taken from the task below.
        }

        return await Assert.ThrowsAsync<RegistryException>(() => resolve);
    }
}
