using System.Security.Cryptography;
using System.Text;
using ModelRelease.Internal;
using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests;

public sealed class ArtifactScannerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Artifact => _temp.Combine("artifact");

    [Fact]
    public void Should_Refuse_A_Missing_Artifact_Directory()
    {
        var error = Assert.Throws<RegistryException>(() => ArtifactScanner.Scan(Artifact));

        Assert.Equal(
            $"The artifact directory '{Artifact}' does not exist; pass --artifact the directory your training job exported (the one holding saved_model.pb).",
            error.Message);
    }

    [Fact]
    public void Should_Refuse_An_Artifact_Path_That_Is_A_File()
    {
        _temp.WriteFile("artifact", "not a directory");

        var error = Assert.Throws<RegistryException>(() => ArtifactScanner.Scan(Artifact));

        Assert.StartsWith($"The artifact '{Artifact}' is a file, not a directory; pass --artifact the directory", error.Message);
    }

    [Fact]
    public void Should_Refuse_An_Empty_Artifact()
    {
        _temp.CreateDirectory("artifact");

        var error = Assert.Throws<RegistryException>(() => ArtifactScanner.Scan(Artifact));

        Assert.StartsWith($"The artifact directory '{Artifact}' holds no files (it is empty or has only empty directories)", error.Message);
    }

    [Fact]
    public void Should_Refuse_An_Artifact_With_Only_Empty_Directories()
    {
        _temp.CreateDirectory("artifact/variables");
        _temp.CreateDirectory("artifact/assets/extra");

        var error = Assert.Throws<RegistryException>(() => ArtifactScanner.Scan(Artifact));

        Assert.StartsWith($"The artifact directory '{Artifact}' holds no files", error.Message);
    }

    [UnixFact]
    public void Should_Refuse_A_Symlink_Out_Of_The_Artifact_Through_DotDot()
    {
        // Given
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        _temp.WriteFile("secret.txt", "credentials");
        _temp.CreateDirectory("artifact/assets");
        File.CreateSymbolicLink(_temp.Combine("artifact/assets/vocab.txt"), "../../secret.txt");

        // When
        var error = Assert.Throws<RegistryException>(() => ArtifactScanner.Scan(Artifact));

        // Then
        Assert.Equal(
            $"The artifact holds 'assets/vocab.txt', a symlink to '../../secret.txt', which resolves to '{RealTemp("secret.txt")}', outside the artifact '{Artifact}'; a version must be self-contained: copy that file or directory into the artifact instead of linking to it, and push again.",
            error.Message);
    }

    [UnixFact]
    public void Should_Refuse_An_Absolute_Symlink_Out_Of_The_Artifact()
    {
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        var outside = _temp.WriteFile("shared/weights.bin", "weights");
        File.CreateSymbolicLink(_temp.Combine("artifact/weights.bin"), outside);

        var error = Assert.Throws<RegistryException>(() => ArtifactScanner.Scan(Artifact));

        Assert.StartsWith($"The artifact holds 'weights.bin', a symlink to '{outside}', which resolves to '{RealTemp("shared/weights.bin")}', outside the artifact", error.Message);
    }

    [UnixFact]
    public void Should_Refuse_A_Symlink_To_A_Device_As_Outside_The_Artifact()
    {
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        File.CreateSymbolicLink(_temp.Combine("artifact/null"), "/dev/null");

        var error = Assert.Throws<RegistryException>(() => ArtifactScanner.Scan(Artifact));

        Assert.StartsWith("The artifact holds 'null', a symlink to '/dev/null', which resolves to '/dev/null', outside the artifact", error.Message);
    }

    [UnixFact]
    public void Should_Refuse_A_Symlink_Chain_That_Ends_Outside()
    {
        // Given: first -> second (inside) -> ../outside.txt
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        _temp.WriteFile("outside.txt", "elsewhere");
        File.CreateSymbolicLink(_temp.Combine("artifact/second"), "../outside.txt");
        File.CreateSymbolicLink(_temp.Combine("artifact/first"), "second");

        // When
        var error = Assert.Throws<RegistryException>(() => ArtifactScanner.Scan(Artifact));

        // Then: the first link in ordinal order is named, with where the whole chain ends
        Assert.StartsWith($"The artifact holds 'first', a symlink to 'second', which resolves to '{RealTemp("outside.txt")}', outside the artifact", error.Message);
    }

    [UnixFact]
    public void Should_Refuse_A_Dangling_Symlink()
    {
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        _temp.CreateDirectory("artifact/variables");
        File.CreateSymbolicLink(_temp.Combine("artifact/variables/variables.index"), "gone.index");

        var error = Assert.Throws<RegistryException>(() => ArtifactScanner.Scan(Artifact));

        Assert.Equal(
            "The artifact holds 'variables/variables.index', a dangling symlink to 'gone.index', which does not exist; remove the link or restore its target inside the artifact, and push again.",
            error.Message);
    }

    [UnixFact]
    public void Should_Refuse_A_Directory_Symlink_Back_To_An_Ancestor()
    {
        // Given: variables/again -> .. would repeat the artifact forever
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        _temp.WriteFile("artifact/variables/variables.index", "index");
        File.CreateSymbolicLink(_temp.Combine("artifact/variables/again"), "..");

        // When
        var error = Assert.Throws<RegistryException>(() => ArtifactScanner.Scan(Artifact));

        // Then
        Assert.Equal(
            "The artifact holds 'variables/again', a symlink to its own ancestor directory '(the artifact root)', so it would repeat forever; remove the link (or point it at a directory that does not contain it) and push again.",
            error.Message);
    }

    [UnixFact]
    public void Should_Refuse_A_Directory_Symlink_Back_To_A_Parent_Directory_By_Its_Path()
    {
        _temp.WriteFile("artifact/assets/deep/file.txt", "x");
        File.CreateSymbolicLink(_temp.Combine("artifact/assets/deep/up"), Artifact + "/assets");

        var error = Assert.Throws<RegistryException>(() => ArtifactScanner.Scan(Artifact));

        Assert.StartsWith("The artifact holds 'assets/deep/up', a symlink to its own ancestor directory 'assets', so it would repeat forever", error.Message);
    }

    [UnixFact]
    public void Should_Refuse_A_Loop_Of_Symlinks_That_Never_Resolves()
    {
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        File.CreateSymbolicLink(_temp.Combine("artifact/ping"), "pong");
        File.CreateSymbolicLink(_temp.Combine("artifact/pong"), "ping");

        var error = Assert.Throws<RegistryException>(() => ArtifactScanner.Scan(Artifact));

        Assert.Equal(
            "The artifact holds 'ping', a symlink to 'pong' that never resolves (the links form a loop); remove it or point it at a real file inside the artifact, and push again.",
            error.Message);
    }

    [UnixFact]
    public void Should_Refuse_A_Fifo_In_The_Artifact_Without_Opening_It()
    {
        // Given
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        var fifo = _temp.Combine("artifact/stream");
        SpecialFiles.MakeFifo(fifo);

        // When: opening a FIFO for reading blocks until a writer comes, so a regression would hang here
        var error = ScanExpectingRefusal(fifo);

        // Then
        Assert.Equal(
            "The artifact holds 'stream', which is a named pipe (FIFO), not a regular file or directory; a model version must be plain files: remove it from the artifact (or write its data to a regular file) and push again.",
            error.Message);
    }

    [UnixFact]
    public void Should_Refuse_A_Symlink_To_A_Fifo_Inside_The_Artifact()
    {
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        var fifo = _temp.Combine("artifact/pipes/stream");
        _temp.CreateDirectory("artifact/pipes");
        SpecialFiles.MakeFifo(fifo);
        File.CreateSymbolicLink(_temp.Combine("artifact/data"), "pipes/stream");

        var error = ScanExpectingRefusal(fifo);

        Assert.StartsWith("The artifact holds 'data', which is a symlink to a named pipe (FIFO), not a regular file or directory", error.Message);
    }

    [UnixFact]
    public void Should_Refuse_A_Socket_In_The_Artifact()
    {
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        using var socket = SpecialFiles.BindSocket(_temp.Combine("artifact/serving.sock"));

        var error = Assert.Throws<RegistryException>(() => ArtifactScanner.Scan(Artifact));

        Assert.StartsWith("The artifact holds 'serving.sock', which is a socket, not a regular file or directory", error.Message);
    }

    [UnixTheory]
    [InlineData("bad\tname.txt", "bad\\u0009name.txt")]
    [InlineData("bad\nname.txt", "bad\\u000aname.txt")]
    public void Should_Refuse_A_File_Name_The_Manifest_Cannot_Hold(string name, string shown)
    {
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        _temp.WriteFile("artifact/assets/" + name, "x");

        var error = Assert.Throws<RegistryException>(() => ArtifactScanner.Scan(Artifact));

        Assert.Equal(
            $"The artifact holds 'assets/{shown}', whose name contains a tab, newline or other control character that the version manifest cannot record; rename it (for example replace the character with '_') and push again.",
            error.Message);
    }

    [Fact]
    public void Should_Record_Nested_Files_In_Ordinal_Order_With_Exact_Sizes_And_Hashes()
    {
        // Given: "a-c" sorts before "a/b" ordinally although the directory "a" sorts before the file "a-c"
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        _temp.WriteFile("artifact/a/b", "bee");
        _temp.WriteFile("artifact/a-c", "sea");
        _temp.WriteFile("artifact/variables/variables.data-00000-of-00001", "weights!");
        _temp.WriteFile("artifact/.hidden", "dot");
        _temp.WriteFile("artifact/assets/empty.txt", string.Empty);

        // When
        var scanned = ArtifactScanner.Scan(Artifact);

        // Then
        Assert.Equal(
            new[]
            {
                Entry(".hidden", "dot"),
                Entry("a-c", "sea"),
                Entry("a/b", "bee"),
                Entry("assets/empty.txt", string.Empty),
                Entry("saved_model.pb", "graph"),
                Entry("variables/variables.data-00000-of-00001", "weights!"),
            },
            scanned.Manifest.Entries);
        Assert.Equal(scanned.Manifest.Entries, scanned.Files.Select(f => f.Entry));
        Assert.Equal(Artifact, scanned.Root);
        Assert.Equal(RealTemp("artifact/a/b"), scanned.Files[2].SourcePath);
    }

    [Fact]
    public void Should_Record_Each_Empty_Directory_As_A_Path_Ending_In_A_Slash()
    {
        // Given: a SavedModel without variables still has variables/, which TF Serving expects to find;
        // assets/ holds only the empty extra/, so only extra/ is empty
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        _temp.CreateDirectory("artifact/variables");
        _temp.CreateDirectory("artifact/assets/extra");

        // When
        var scanned = ArtifactScanner.Scan(Artifact);

        // Then
        Assert.Equal(
            new[] { new ManifestEntry("assets/extra/", 0, string.Empty), Entry("saved_model.pb", "graph"), new ManifestEntry("variables/", 0, string.Empty) },
            scanned.Manifest.Entries);
        Assert.Equal(scanned.Manifest.Entries, scanned.Files.Select(f => f.Entry));
        Assert.Equal(1, scanned.Manifest.FileCount);
    }

    [Fact]
    public void Should_Change_The_Digest_When_An_Empty_Directory_Is_Added()
    {
        // Given: the same file, with and without an empty variables/
        _temp.WriteFile("without/saved_model.pb", "graph");
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        _temp.CreateDirectory("artifact/variables");

        // When
        var without = ArtifactScanner.Scan(_temp.Combine("without")).Manifest;
        var with = ArtifactScanner.Scan(Artifact).Manifest;

        // Then: the served trees differ, so the versions do
        Assert.NotEqual(without.Digest, with.Digest);
        Assert.Equal(without.FileCount, with.FileCount);
    }

    [UnixFact]
    public void Should_Record_An_Empty_Directory_Reached_Through_A_Symlink_Under_The_Links_Path()
    {
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        _temp.CreateDirectory("artifact/checkpoints/empty");
        File.CreateSymbolicLink(_temp.Combine("artifact/variables"), "checkpoints/empty");

        var scanned = ArtifactScanner.Scan(Artifact);

        Assert.Equal(
            new[] { "checkpoints/empty/", "saved_model.pb", "variables/" },
            scanned.Manifest.Entries.Select(e => e.Path));
    }

    [Fact]
    public void Should_Hash_A_5_MB_File_Exactly()
    {
        // Given: more than a few buffers' worth, with a length that is not a multiple of the buffer
        var bytes = new byte[(5 * 1024 * 1024) + 12345];
        new Random(42).NextBytes(bytes);
        _temp.WriteFile("artifact/variables/variables.data", bytes);

        // When
        var entry = Assert.Single(ArtifactScanner.Scan(Artifact).Manifest.Entries);

        // Then
        Assert.Equal(new ManifestEntry("variables/variables.data", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))), entry);
    }

    [UnixFact]
    public void Should_Record_A_Symlinked_File_Under_The_Links_Own_Path()
    {
        _temp.WriteFile("artifact/shared/vocab.txt", "tokens");
        _temp.CreateDirectory("artifact/assets");
        File.CreateSymbolicLink(_temp.Combine("artifact/assets/vocab.txt"), "../shared/vocab.txt");

        var scanned = ArtifactScanner.Scan(Artifact);

        Assert.Equal(new[] { Entry("assets/vocab.txt", "tokens"), Entry("shared/vocab.txt", "tokens") }, scanned.Manifest.Entries);
        Assert.Equal(RealTemp("artifact/shared/vocab.txt"), scanned.Files[0].SourcePath);
    }

    [UnixFact]
    public void Should_Record_A_Symlinked_Directorys_Contents_Under_The_Links_Path()
    {
        _temp.WriteFile("artifact/checkpoints/step-100/variables.index", "index");
        _temp.WriteFile("artifact/checkpoints/step-100/variables.data", "data");
        File.CreateSymbolicLink(_temp.Combine("artifact/variables"), "checkpoints/step-100");

        var scanned = ArtifactScanner.Scan(Artifact);

        Assert.Equal(
            new[]
            {
                Entry("checkpoints/step-100/variables.data", "data"),
                Entry("checkpoints/step-100/variables.index", "index"),
                Entry("variables/variables.data", "data"),
                Entry("variables/variables.index", "index"),
            },
            scanned.Manifest.Entries);
    }

    [UnixFact]
    public void Should_Resolve_DotDot_After_A_Directory_Symlink_Physically()
    {
        // Given: "d/../z" means "parent of where d really is", i.e. x/z, not the artifact's own z (absent)
        _temp.WriteFile("artifact/x/y/keep.txt", "keep");
        _temp.WriteFile("artifact/x/z", "zed");
        File.CreateSymbolicLink(_temp.Combine("artifact/d"), "x/y");
        File.CreateSymbolicLink(_temp.Combine("artifact/f"), "d/../z");

        // When
        var scanned = ArtifactScanner.Scan(Artifact);

        // Then
        Assert.Equal(
            new[] { Entry("d/keep.txt", "keep"), Entry("f", "zed"), Entry("x/y/keep.txt", "keep"), Entry("x/z", "zed") },
            scanned.Manifest.Entries);
    }

    [UnixFact]
    public void Should_Accept_An_Artifact_Reached_Through_A_Symlink()
    {
        // Given: the root itself is a link, and an absolute link inside goes through that same root link
        _temp.WriteFile("exports/run-7/saved_model.pb", "graph");
        var rootLink = _temp.Combine("latest");
        File.CreateSymbolicLink(rootLink, "exports/run-7");
        File.CreateSymbolicLink(_temp.Combine("exports/run-7/model.pb"), rootLink + "/saved_model.pb");

        // When
        var scanned = ArtifactScanner.Scan(rootLink);

        // Then
        Assert.Equal(rootLink, scanned.Root);
        Assert.Equal(new[] { Entry("model.pb", "graph"), Entry("saved_model.pb", "graph") }, scanned.Manifest.Entries);
    }

    [UnixFact]
    public void Should_Refuse_Without_Changing_The_Artifact()
    {
        // Given
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        File.CreateSymbolicLink(_temp.Combine("artifact/dangling"), "nowhere");
        var before = Snapshot(Artifact);

        // When
        Assert.Throws<RegistryException>(() => ArtifactScanner.Scan(Artifact));

        // Then
        Assert.Equal(before, Snapshot(Artifact));
    }

    private static ManifestEntry Entry(string path, string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        return new ManifestEntry(path, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>Messages show where a link really leads, which is below the temp directory's real path.</summary>
    private string RealTemp(string relative) => Path.Combine(_temp.RealPath, relative);

    private RegistryException ScanExpectingRefusal(string fifo)
    {
        var scan = Task.Run(() => ArtifactScanner.Scan(Artifact));
        if (!((IAsyncResult)scan).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60)))
        {
            // The scan is stuck opening the FIFO; give it a writer so the test process can finish.
            using (new FileStream(fifo, FileMode.Open, FileAccess.Write))
            {
            }

            Assert.Fail("The scan opened a FIFO and blocked instead of refusing it.");
        }

        return Assert.Throws<RegistryException>(() => scan.GetAwaiter().GetResult());
    }

    private static string Snapshot(string directory) => string.Join(
        "\n",
        new DirectoryInfo(directory)
            .EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .OrderBy(e => e.FullName, StringComparer.Ordinal)
            .Select(e => $"{e.FullName} {e.LinkTarget} {(e as FileInfo)?.Length} {e.LastWriteTimeUtc:O}"));
}
