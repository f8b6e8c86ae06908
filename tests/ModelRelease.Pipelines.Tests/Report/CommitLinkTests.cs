using ModelRelease.Pipelines.Report.Internal;

namespace ModelRelease.Pipelines.Tests.Report;

public sealed class CommitLinkTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    [Theory]
    [InlineData("https://github.com/acme/mnist.git", "https://github.com/acme/mnist/commit/" + Sha)]
    [InlineData("https://github.com/acme/mnist", "https://github.com/acme/mnist/commit/" + Sha)]
    [InlineData("https://gitlab.com/group/sub/mnist.git", "https://gitlab.com/group/sub/mnist/-/commit/" + Sha)]
    [InlineData("git@github.com:acme/mnist.git", null)]
    [InlineData("http://github.com/acme/mnist", null)]
    [InlineData("https://example.com/acme/mnist", null)]
    [InlineData("https://github.com/acme", null)]
    public void Should_Link_Only_An_Https_GitHub_Or_GitLab_Remote(string remote, string? expected)
    {
        var git = new GitProvenance(Sha, "main", false, false, remote, null, GitProvenanceSource.Repository);

        Assert.Equal(expected, CommitLink.Of(git));
    }

    [Fact]
    public void Should_Not_Link_An_Unknown_Commit()
    {
        Assert.Null(CommitLink.Of(GitProvenance.Unknown with { RemoteUrl = "https://github.com/acme/mnist" }));
    }
}
