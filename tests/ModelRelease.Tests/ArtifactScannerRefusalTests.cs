using ModelRelease.Internal;
using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests;

public sealed class ArtifactScannerRefusalTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Artifact => ArtifactFixture.Artifact(_temp);

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

    private string RealTemp(string relative) => ArtifactFixture.RealTemp(_temp, relative);

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
