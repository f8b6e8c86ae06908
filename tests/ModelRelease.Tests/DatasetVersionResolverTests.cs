using System.Security.Cryptography;
using System.Text;
using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests;

public sealed class DatasetVersionResolverTests : IDisposable
{
    private const string DirMd5 = "a304afb96060aad90176268345e10355.dir";
    private const string FileMd5 = "d8e8fca2dc0f896fd7cb4cb0031ba249";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Should_Prefer_The_Given_Version_Over_Dvc_And_Fingerprint()
    {
        var data = WriteDataset("data", ("a.csv", "1,2"));
        _temp.WriteFile("data.dvc", $"outs:\n- md5: {DirMd5}\n  path: data\n");

        Assert.Equal(new DatasetVersion("imagenet-2026.01", DatasetVersionSource.Given), DatasetVersionResolver.Resolve("imagenet-2026.01", data));
        Assert.Equal(new DatasetVersion("v1", DatasetVersionSource.Given), DatasetVersionResolver.Resolve("v1", _temp.Combine("missing")));
    }

    [Fact]
    public void Should_Trim_The_Given_Version()
    {
        Assert.Equal("imagenet 2026", DatasetVersionResolver.Resolve("  imagenet 2026 ", null).Value);
    }

    [Fact]
    public void Should_Accept_A_Given_Version_Of_Exactly_128_Characters()
    {
        Assert.Equal(new string('x', 128), DatasetVersionResolver.Resolve(new string('x', 128), null).Value);
    }

    [Theory]
    [InlineData("", "dataset version is blank")]
    [InlineData("   ", "dataset version is blank")]
    [InlineData("v1\n", "control character (\\u000a)")]
    [InlineData("a\u0000b", "control character (\\u0000)")]
    [InlineData("\tv1", "control character (\\u0009)")]
    public void Should_Refuse_A_Given_Version_That_Breaks_A_Rule(string given, string expected)
    {
        var exception = Assert.Throws<RegistryException>(() => DatasetVersionResolver.Resolve(given, null));

        Assert.Contains(expected, exception.Message);
    }

    [Fact]
    public void Should_Refuse_A_Given_Version_Over_128_Characters()
    {
        var exception = Assert.Throws<RegistryException>(() => DatasetVersionResolver.Resolve(new string('x', 129), null));

        Assert.Equal("dataset version is 129 characters long; the limit is 128.", exception.Message);
    }

    [Fact]
    public void Should_Return_Unknown_When_Neither_Is_Given()
    {
        Assert.Same(DatasetVersion.Unknown, DatasetVersionResolver.Resolve(null, null));
    }

    [Fact]
    public void Should_Use_The_Md5_From_The_Dvc_File_Beside_A_Directory()
    {
        var data = WriteDataset("data", ("a.csv", "1,2"));
        _temp.WriteFile("data.dvc", $"outs:\n- md5: {DirMd5}\n  size: 3\n  nfiles: 1\n  hash: md5\n  path: data\n");

        var version = DatasetVersionResolver.Resolve(null, data + Path.DirectorySeparatorChar);

        Assert.Equal(new DatasetVersion("md5:" + DirMd5, DatasetVersionSource.Dvc), version);
    }

    [Fact]
    public void Should_Use_The_Md5_From_The_Dvc_File_Beside_A_Single_File()
    {
        var file = _temp.WriteFile("train.csv", "1,2");
        _temp.WriteFile("train.csv.dvc", $"outs:\n- md5: {FileMd5}\n  path: train.csv\n");

        Assert.Equal(new DatasetVersion("md5:" + FileMd5, DatasetVersionSource.Dvc), DatasetVersionResolver.Resolve(null, file));
    }

    [Fact]
    public void Should_Use_Dvc_Lock_In_An_Ancestor_Matching_Outs_Only()
    {
        // A repository root with dvc.lock; the dataset is a stage's output two levels down, listed with "./".
        // Another stage reads the same path as a dep with an older md5, which must not count.
        var data = WriteDataset("project/data/prepared/images", ("0001.png", "png"));
        _temp.CreateDirectory("project/.git");
        _temp.WriteFile("project/dvc.lock", $"""
            schema: '2.0'
            stages:
              train:
                cmd: python train.py
                deps:
                - path: data/prepared/images
                  md5: 00000000000000000000000000000000.dir
                outs:
                - path: models/model.pt
                  md5: {FileMd5}
              prepare:
                cmd: python prepare.py
                deps:
                - path: data/raw
                  md5: 11111111111111111111111111111111.dir
                outs:
                - path: ./data/prepared/images
                  md5: {DirMd5}
                  size: 3
                  nfiles: 1
            """);

        var version = DatasetVersionResolver.Resolve(null, Path.Combine(data, "..", "images"));

        Assert.Equal(new DatasetVersion("md5:" + DirMd5, DatasetVersionSource.Dvc), version);
    }

    [Fact]
    public void Should_Not_Read_A_Dvc_Lock_Above_The_Repository_Root()
    {
        var data = WriteDataset("outer/project/data", ("a.csv", "1,2"));
        _temp.CreateDirectory("outer/project/.git");
        _temp.WriteFile("outer/dvc.lock", $"stages:\n  s:\n    outs:\n    - path: project/data\n      md5: {DirMd5}\n");

        var version = DatasetVersionResolver.Resolve(null, data);

        Assert.Equal(new DatasetVersion(Fingerprint(("a.csv", "1,2")), DatasetVersionSource.Fingerprint), version);
    }

    [Fact]
    public void Should_Fall_Back_To_A_Fingerprint_When_Dvc_Lock_Does_Not_List_The_Dataset()
    {
        var data = WriteDataset("data/images", ("a.png", "png"));
        _temp.WriteFile("dvc.lock", $"stages:\n  s:\n    deps:\n    - path: data/images\n      md5: {DirMd5}\n    outs:\n    - path: data/other\n      md5: {DirMd5}\n");

        var version = DatasetVersionResolver.Resolve(null, data);

        Assert.Equal(new DatasetVersion(Fingerprint(("a.png", "png")), DatasetVersionSource.Fingerprint), version);
    }

    [Fact]
    public void Should_Fall_Back_To_A_Fingerprint_When_The_Dvc_Out_Has_No_Md5()
    {
        var data = WriteDataset("data", ("a.csv", "1,2"));
        _temp.WriteFile("data.dvc", "outs:\n- path: data\n  cloud:\n    s3:\n      etag: abc\n");

        Assert.Equal(DatasetVersionSource.Fingerprint, DatasetVersionResolver.Resolve(null, data).Source);
    }

    [Fact]
    public void Should_Fall_Back_To_A_Fingerprint_When_Dvc_Lock_Is_Empty()
    {
        var data = WriteDataset("data", ("a.csv", "1,2"));
        _temp.WriteFile("dvc.lock", "");

        Assert.Equal(DatasetVersionSource.Fingerprint, DatasetVersionResolver.Resolve(null, data).Source);
    }

    [Theory]
    [InlineData("stages: [unclosed", "did not find expected ',' or ']' (line")]
    [InlineData("stages:\n  s:\n    outs:\n    - path: data\n  s:\n    outs: []\n", "is not valid YAML: Duplicate key s (line 5)")]
    [InlineData("- just\n- a list\n", "the top level is not a mapping (line 1)")]
    [InlineData("stages:\n- s\n", "'stages' is not a mapping of stage names (line 2)")]
    [InlineData("stages:\n  s: run it\n", "stage 's' is not a mapping (line 2)")]
    [InlineData("stages:\n  s:\n    outs: data\n", "'outs' is not a list (line 3)")]
    [InlineData("stages:\n  s:\n    outs:\n    - md5: x\n", "an entry of 'outs' has no 'path' (line 4)")]
    [InlineData("stages:\n  s:\n    outs:\n    - path: data\n      md5: not-a-hash\n", "md5 'not-a-hash' of 'data' is not 32 hex digits")]
    public void Should_Refuse_A_Malformed_Dvc_Lock_Naming_It(string yaml, string expected)
    {
        var data = WriteDataset("data", ("a.csv", "1,2"));
        var lockFile = _temp.WriteFile("dvc.lock", yaml);

        var exception = Assert.Throws<RegistryException>(() => DatasetVersionResolver.Resolve(null, data));

        Assert.StartsWith($"DVC file '{lockFile}' is not valid", exception.Message);
        Assert.Contains(expected, exception.Message);
    }

    [Fact]
    public void Should_Refuse_A_Malformed_Dvc_File_Naming_It()
    {
        var data = WriteDataset("data", ("a.csv", "1,2"));
        var dvcFile = _temp.WriteFile("data.dvc", "outs:\n- md5: {oops\n  path: data\n");

        var exception = Assert.Throws<RegistryException>(() => DatasetVersionResolver.Resolve(null, data));

        Assert.Equal(
            $"DVC file '{dvcFile}' is not valid YAML: the YAML parser could not read it (an unclosed bracket or quote?). Fix or regenerate it (dvc commit), or pass --dataset-version=<version>.",
            exception.Message);
    }

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
    public void Should_Refuse_A_Dataset_That_Does_Not_Exist()
    {
        var missing = _temp.Combine("missing");

        var exception = Assert.Throws<RegistryException>(() => DatasetVersionResolver.Resolve(null, missing));

        Assert.Equal($"dataset '{missing}' does not exist; pass --dataset=<dir> or --dataset-version=<version>.", exception.Message);
    }

    [Fact]
    public void Should_Refuse_A_Dataset_That_Is_A_Dangling_Symlink()
    {
        var link = _temp.Combine("data");
        Directory.CreateSymbolicLink(link, _temp.Combine("gone"));

        var exception = Assert.Throws<RegistryException>(() => DatasetVersionResolver.Resolve(null, link));

        Assert.Equal($"dataset '{link}' does not exist; pass --dataset=<dir> or --dataset-version=<version>.", exception.Message);
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

    private string WriteDataset(string relative, params (string Path, string Content)[] files)
    {
        var root = _temp.CreateDirectory(relative);
        foreach (var (path, content) in files)
        {
            _temp.WriteFile(Path.Combine(relative, path), content);
        }

        return root;
    }

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

    /// <summary>The documented digest, computed here without the library: sorted "path\tsize\tsha256\n" lines.</summary>
    private static string Fingerprint(params (string Path, string Content)[] files)
    {
        var listing = new StringBuilder();
        foreach (var (path, content) in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var bytes = Encoding.UTF8.GetBytes(content);
            listing.Append($"{path}\t{bytes.Length}\t{Convert.ToHexStringLower(SHA256.HashData(bytes))}\n");
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(listing.ToString())));
    }
}
