namespace ModelRelease.Tests;

public sealed class VersionManifestTests
{
    private static readonly ManifestEntry Graph = new("saved_model.pb", 5, "aa");

    private static readonly ManifestEntry Variables = new("variables/", 0, string.Empty);

    [Fact]
    public void Should_Tell_An_Empty_Directory_Entry_By_Its_Trailing_Slash()
    {
        Assert.True(Variables.IsDirectory);
        Assert.False(Graph.IsDirectory);
    }

    [Fact]
    public void Should_Count_Files_Only()
    {
        var manifest = VersionManifest.FromEntries([Variables, Graph]);

        Assert.Equal(2, manifest.Entries.Count);
        Assert.Equal(1, manifest.FileCount);
        Assert.Equal(5, manifest.TotalBytes);
    }

    [Fact]
    public void Should_Keep_The_Stored_Json_Form_And_Read_It_Back()
    {
        // Given
        var manifest = VersionManifest.FromEntries([Graph, Variables]);

        // When
        var json = manifest.ToJson();

        // Then: IsDirectory comes from the path, so it is not stored
        Assert.Equal("""[{"path":"saved_model.pb","size":5,"sha256":"aa"},{"path":"variables/","size":0,"sha256":""}]""", json);
        Assert.Equal(manifest.Digest, VersionManifest.FromJson(json).Digest);
    }
}
