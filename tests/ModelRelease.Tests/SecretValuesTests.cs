namespace ModelRelease.Tests;

/// <summary>The secrets a CI host masks: found by the same rules the audit log redacts with.</summary>
public sealed class SecretValuesTests
{
    [Theory]
    [InlineData("GITHUB_TOKEN", "ghp_abcdef123456", "ghp_abcdef123456")]
    [InlineData("registry-password", "p@ss word", "p@ss word")]
    [InlineData("MODELRELEASE_REGISTRY", "Host=db;Username=ci;Password=s3cret;Database=reg", "s3cret")]
    [InlineData("MODELRELEASE_REGISTRY", "Host=db;Password=\"quoted;secret\"", "quoted;secret")]
    [InlineData("prometheus", "https://ci:url-pass@prom.example:9090", "url-pass")]
    [InlineData("remote", "https://tok3n@github.com/org/repo.git", "tok3n")]
    public void Should_Find_The_Secret_Part(string name, string value, string secret) =>
        Assert.Equal([secret], SecretValues.In(name, value));

    [Theory]
    [InlineData("model", "sentiment")]
    [InlineData("root", "/srv/models")]
    [InlineData("prometheus", "http://127.0.0.1:9090")]
    [InlineData("token", "")]
    public void Should_Find_None_Where_There_Is_None(string name, string value) =>
        Assert.Empty(SecretValues.In(name, value));
}
