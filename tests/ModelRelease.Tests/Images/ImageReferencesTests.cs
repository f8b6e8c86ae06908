namespace ModelRelease.Tests.Images;

public sealed class ImageReferencesTests
{
    [Theory]
    [InlineData("ghcr.io/acme/sentiment")]
    [InlineData("localhost:5000/mnist")]
    [InlineData("acme/mnist")]
    [InlineData("mnist")]
    [InlineData("registry.example.com:443/team/sub-team/model_v2")]
    public void Should_Accept_A_Repository_Docker_Accepts(string repository) => Assert.Null(ImageReferences.RepositoryProblem(repository));

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("ghcr.io/acme/mnist:latest", "has a tag. Give the repository without ':tag', e.g. ghcr.io/acme/mnist")]
    [InlineData("ghcr.io/acme/mnist@sha256:0000", "has a digest")]
    [InlineData("ghcr.io/Acme/mnist", "lowercase")]
    [InlineData("ghcr.io/acme//mnist", "is not a valid name")]
    [InlineData("ghcr.io/acme/mnist-", "is not a valid name")]
    [InlineData("bad_host.io:port/mnist", "registry host")]
    [InlineData("ghcr.io/acme/mn ist", "is not a valid name")]
    public void Should_Refuse_A_Bad_Repository_Naming_It_And_The_Fix(string repository, string problem)
    {
        var message = ImageReferences.RepositoryProblem(repository);

        Assert.NotNull(message);
        Assert.Contains(problem, message);
        Assert.Contains("ghcr.io/acme/", message);
    }

    [Theory]
    [InlineData("v1", true)]
    [InlineData("sentiment-v1.2.3", true)]
    [InlineData("20261128101500", true)]
    [InlineData("-v1", false)]
    [InlineData(".v1", false)]
    [InlineData("v1+dirty", false)]
    [InlineData("", false)]
    public void Should_Check_Tags(string tag, bool valid) => Assert.Equal(valid, ImageReferences.TagProblem(tag) is null);

    [Fact]
    public void Should_Refuse_A_Tag_Longer_Than_128_Characters()
    {
        Assert.Null(ImageReferences.TagProblem(new string('a', 128)));
        Assert.NotNull(ImageReferences.TagProblem(new string('a', 129)));
    }

    [Theory]
    [InlineData("tensorflow/serving:2.18.0", true)]
    [InlineData("tensorflow/serving", true)]
    [InlineData("localhost:5000/serve:1", true)]
    [InlineData("tensorflow/serving@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", true)]
    [InlineData("tensorflow/serving:2.18.0\nRUN curl evil", false)]
    [InlineData("tensorflow/serving:", false)]
    [InlineData("tensorflow/serving@sha256:short", false)]
    public void Should_Check_Base_Images_Written_Into_A_Dockerfile(string image, bool valid) => Assert.Equal(valid, ImageReferences.ImageProblem(image) is null);

    [Theory]
    [InlineData("ghcr.io/acme/mnist", "ghcr.io")]
    [InlineData("localhost:5000/mnist", "localhost:5000")]
    [InlineData("localhost/mnist", "localhost")]
    [InlineData("acme/mnist", null)]
    [InlineData("mnist", null)]
    public void Should_Find_The_Registry_Host_As_Docker_Does(string repository, string? registry) => Assert.Equal(registry, ImageReferences.RegistryOf(repository));
}
