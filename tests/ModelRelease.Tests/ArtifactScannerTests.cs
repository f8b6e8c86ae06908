using System.Security.Cryptography;
using System.Text;
using ModelRelease.Internal;
using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests;

public sealed class ArtifactScannerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Artifact => ArtifactFixture.Artifact(_temp);

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

    private static ManifestEntry Entry(string path, string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        return new ManifestEntry(path, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private string RealTemp(string relative) => ArtifactFixture.RealTemp(_temp, relative);
}
