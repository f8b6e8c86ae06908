using ModelRelease.Tests.Fixtures;
using static ModelRelease.Tests.Fixtures.DatasetFixture;

namespace ModelRelease.Tests;

public sealed class DatasetVersionResolverTests : IDisposable
{
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

    private string WriteDataset(string relative, params (string Path, string Content)[] files) => DatasetFixture.WriteDataset(_temp, relative, files);
}
