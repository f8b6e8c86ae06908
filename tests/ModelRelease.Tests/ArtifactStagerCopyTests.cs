using System.Runtime.Versioning;
using System.Security.Cryptography;
using ModelRelease.Internal;
using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests;

/// <summary>What the push's staging copy guarantees: the scanned bytes and manifest, read-only files, refusals, no leftovers.</summary>
public sealed class ArtifactStagerCopyTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Artifact => _temp.Combine("artifact");

    private string Destination => _temp.Combine("versions/.v1.tmp");

    private VersionManifest Stage(WalkedArtifact walked) => ArtifactStager.Stage(walked, Destination, _ => { });

    [Fact]
    public void Should_Copy_Every_File_Byte_For_Byte_With_The_Scanned_Manifest()
    {
        // Given
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        _temp.WriteFile("artifact/variables/variables.index", "index");
        _temp.WriteFile("artifact/variables/shards/variables.data-00000-of-00001", "weights");
        _temp.WriteFile("artifact/assets/empty.txt", string.Empty);
        _temp.CreateDirectory("versions");
        var scanned = ArtifactScanner.Scan(Artifact);
        var walked = ArtifactScanner.Walk(Artifact);

        // When
        var copied = Stage(walked);

        // Then: the same manifest, and scanning the copy independently agrees with it
        Assert.Equal(scanned.Manifest.Digest, copied.Digest);
        Assert.Equal(scanned.Manifest.Entries, copied.Entries);
        Assert.Equal(scanned.Manifest.Digest, ArtifactScanner.Scan(Destination).Manifest.Digest);
        Assert.Equal("weights", File.ReadAllText(Path.Combine(Destination, "variables", "shards", "variables.data-00000-of-00001")));
        Assert.Equal(string.Empty, File.ReadAllText(Path.Combine(Destination, "assets", "empty.txt")));
    }

    [Fact]
    public void Should_Copy_A_5_MB_File_Hashing_What_Was_Written()
    {
        var bytes = new byte[(5 * 1024 * 1024) + 7];
        new Random(7).NextBytes(bytes);
        _temp.WriteFile("artifact/variables/variables.data", bytes);
        _temp.CreateDirectory("versions");

        var copied = Stage(ArtifactScanner.Walk(Artifact));

        var expected = new ManifestEntry("variables/variables.data", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(expected, Assert.Single(copied.Entries));
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(Destination, "variables", "variables.data")));
    }

    [UnixFact]
    public void Should_Copy_Symlinked_Content_As_Plain_Files()
    {
        // Given
        _temp.WriteFile("artifact/checkpoints/step-9/variables.index", "index");
        File.CreateSymbolicLink(_temp.Combine("artifact/variables"), "checkpoints/step-9");
        File.CreateSymbolicLink(_temp.Combine("artifact/index"), "checkpoints/step-9/variables.index");
        _temp.CreateDirectory("versions");

        // When
        Stage(ArtifactScanner.Walk(Artifact));

        // Then: a version never depends on anything outside itself, not even on the artifact it came from
        Assert.Equal(FileKind.Directory, Posix.KindOf(Path.Combine(Destination, "variables")));
        Assert.Equal(FileKind.Regular, Posix.KindOf(Path.Combine(Destination, "variables", "variables.index")));
        Assert.Equal(FileKind.Regular, Posix.KindOf(Path.Combine(Destination, "index")));
        Assert.Equal("index", File.ReadAllText(Path.Combine(Destination, "index")));
    }

    [Fact]
    public void Should_Refuse_An_Existing_Destination_And_Leave_It_Untouched()
    {
        // Given
        _temp.WriteFile("artifact/saved_model.pb", "new graph");
        _temp.WriteFile("versions/.v1.tmp/saved_model.pb", "old graph");
        var scanned = ArtifactScanner.Scan(Artifact);
        var walked = ArtifactScanner.Walk(Artifact);

        // When
        var error = Assert.Throws<IOException>(() => Stage(walked));

        // Then
        Assert.Equal(
            $"The copy destination '{Destination}' already exists; a version is only ever copied into a new directory. Delete it if it is left over from an interrupted push, or copy to another name.",
            error.Message);
        Assert.Equal("old graph", File.ReadAllText(Path.Combine(Destination, "saved_model.pb")));
        Assert.Single(Directory.GetFileSystemEntries(Destination));
    }

    [Fact]
    public void Should_Refuse_A_Destination_That_Is_An_Existing_File()
    {
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        _temp.WriteFile("versions/.v1.tmp", "a file");
        var scanned = ArtifactScanner.Scan(Artifact);
        var walked = ArtifactScanner.Walk(Artifact);

        Assert.Throws<IOException>(() => Stage(walked));

        Assert.Equal("a file", File.ReadAllText(Destination));
    }

    [Fact]
    public void Should_Throw_And_Leave_No_Destination_When_A_File_Changes_Between_Scan_And_Copy()
    {
        // Given: same size, different bytes, so only the hash can tell
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        var weights = _temp.WriteFile("artifact/variables/variables.data", "weights-1");
        _temp.CreateDirectory("versions");
        var scanned = ArtifactScanner.Scan(Artifact);
        var walked = ArtifactScanner.Walk(Artifact);
        File.WriteAllText(weights, "weights-2");

        // When
        var error = Assert.Throws<RegistryException>(() => Stage(walked));

        // Then
        Assert.Equal(
            $"The artifact '{Artifact}' changed while it was being copied: variables/variables.data; re-run the push when the training job has finished writing it.",
            error.Message);
        Assert.Equal(FileKind.Missing, Posix.KindOf(Destination));
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Combine("versions")));
    }

    [Fact]
    public void Should_Throw_And_Leave_No_Destination_When_A_File_Is_Deleted_Between_Scan_And_Copy()
    {
        _temp.WriteFile("artifact/a.pb", "first");
        var second = _temp.WriteFile("artifact/b.pb", "second");
        _temp.CreateDirectory("versions");
        var scanned = ArtifactScanner.Scan(Artifact);
        var walked = ArtifactScanner.Walk(Artifact);
        File.Delete(second);

        var error = Assert.Throws<RegistryException>(() => Stage(walked));

        Assert.Equal(
            $"The artifact '{Artifact}' changed while it was being copied: b.pb; re-run the push when the training job has finished writing it.",
            error.Message);
        Assert.Equal(FileKind.Missing, Posix.KindOf(Destination));
    }

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public void Should_Make_Copied_Files_Read_Only_And_Leave_Directories_Writable()
    {
        // Given
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        _temp.WriteFile("artifact/variables/variables.index", "index");
        _temp.CreateDirectory("versions");

        // When
        Stage(ArtifactScanner.Walk(Artifact));

        // Then: exactly r--r--r--, whatever the umask; directories keep the owner's write bit so prune can delete
        var readOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        Assert.Equal(readOnly, File.GetUnixFileMode(Path.Combine(Destination, "saved_model.pb")));
        Assert.Equal(readOnly, File.GetUnixFileMode(Path.Combine(Destination, "variables", "variables.index")));
        Assert.True(File.GetUnixFileMode(Path.Combine(Destination, "variables")).HasFlag(UnixFileMode.UserWrite));
        Assert.True(File.GetUnixFileMode(Destination).HasFlag(UnixFileMode.UserWrite));
    }

    [Fact]
    public void Should_Create_The_Empty_Directories_Of_The_Artifact()
    {
        // Given: TF Serving expects variables/ to exist even when it is empty
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        _temp.CreateDirectory("artifact/variables");
        _temp.CreateDirectory("artifact/assets/extra");
        _temp.CreateDirectory("versions");
        var scanned = ArtifactScanner.Scan(Artifact);
        var walked = ArtifactScanner.Walk(Artifact);

        // When
        var copied = Stage(walked);

        // Then: the directories are there and empty, and scanning the copy gives the same manifest
        Assert.Equal(scanned.Manifest.Entries, copied.Entries);
        Assert.Equal(FileKind.Directory, Posix.KindOf(Path.Combine(Destination, "variables")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(Destination, "variables")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(Destination, "assets", "extra")));
        Assert.Equal(scanned.Manifest.Digest, ArtifactScanner.Scan(Destination).Manifest.Digest);
    }

    [Fact]
    public void Should_Leave_A_Copied_Version_Deletable_By_A_Plain_Recursive_Delete()
    {
        _temp.WriteFile("artifact/variables/variables.index", "index");
        _temp.CreateDirectory("versions");
        Stage(ArtifactScanner.Walk(Artifact));

        Directory.Delete(Destination, recursive: true);

        Assert.Equal(FileKind.Missing, Posix.KindOf(Destination));
    }

    [Fact]
    public void Should_Make_A_Missing_Parent_Before_Copying()
    {
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        var scanned = ArtifactScanner.Scan(Artifact);

        var copied = Stage(ArtifactScanner.Walk(Artifact));

        Assert.Equal(scanned.Manifest.Digest, copied.Digest);
        Assert.Equal("graph", File.ReadAllText(Path.Combine(Destination, "saved_model.pb")));
    }

    [Fact]
    public void Should_Make_The_Parent_Again_When_Another_Job_Removes_It_Before_The_Copy_Directory_Is_Made()
    {
        // Given an artifact, and another job that removes the empty parent right after this copy made it (as a change
        // of a model with no version yet removes that model's empty directories)
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        var walked = ArtifactScanner.Walk(Artifact);
        var parent = _temp.Combine("versions");
        var calls = 0;
        void RemoveParentOnce(string at)
        {
            if (at == "before-copy-directory" && calls++ == 0)
            {
                Directory.Delete(parent);
            }
        }

        // When the copy is made
        var copied = ArtifactStager.Stage(walked, Destination, RemoveParentOnce);

        // Then it made the parent again (the hook's second call) and copied everything
        Assert.Equal(2, calls);
        Assert.Equal(ArtifactScanner.Scan(Artifact).Manifest.Digest, copied.Digest);
        Assert.Equal(copied.Digest, ArtifactScanner.Scan(Destination).Manifest.Digest);
    }

    [Fact]
    public void Should_Give_Up_Naming_The_Parent_When_It_Is_Removed_Every_Time_It_Is_Made()
    {
        _temp.WriteFile("artifact/saved_model.pb", "graph");
        var walked = ArtifactScanner.Walk(Artifact);
        var parent = _temp.Combine("versions");
        var removals = 0;
        void RemoveParent(string at)
        {
            if (at == "before-copy-directory")
            {
                removals++;
                Directory.Delete(parent);
            }
        }

        var error = Assert.Throws<IOException>(() => ArtifactStager.Stage(walked, Destination, RemoveParent));

        Assert.Equal(5, removals);
        Assert.Contains($"'{parent}' was removed 5 times as soon as it was made", error.Message, StringComparison.Ordinal);
        Assert.Equal(FileKind.Missing, Posix.KindOf(parent));
    }
}
