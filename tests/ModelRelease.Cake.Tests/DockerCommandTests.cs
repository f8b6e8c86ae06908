using ModelRelease.Cake.Docker;

namespace ModelRelease.Cake.Tests;

public sealed class DockerCommandTests
{
    [Fact]
    public void Should_Render_A_Build_With_Every_Option_In_A_Stable_Order()
    {
        var settings = new DockerBuildSettings { File = "/ctx/Dockerfile", Platform = "linux/amd64", Target = "serve", Pull = true, NoCache = true, IidFile = "/tmp/iid", Config = "/home/ci/.docker" };
        settings.Tags.Add("ghcr.io/acme/mnist:v1");
        settings.Tags.Add("ghcr.io/acme/mnist:7");
        settings.Labels["z.last"] = "2";
        settings.Labels["a.first"] = "two words";
        settings.BuildArgs["MODEL"] = "mnist";

        var command = DockerCommand.Build("/ctx", settings);

        Assert.Equal(
            "docker --config /home/ci/.docker build --file /ctx/Dockerfile --tag ghcr.io/acme/mnist:v1 --tag ghcr.io/acme/mnist:7 " +
            "--label \"a.first=two words\" --label z.last=2 --build-arg MODEL=mnist --platform linux/amd64 --target serve --pull --no-cache --iidfile /tmp/iid /ctx",
            command.Render());
    }

    [Fact]
    public void Should_Render_Buildx_Tag_And_Push()
    {
        var buildx = new DockerBuildxBuildSettings { Builder = "ci", Platform = "linux/amd64,linux/arm64", MetadataFile = "/tmp/meta.json", Push = true };
        buildx.Tags.Add("ghcr.io/acme/mnist:v1");

        Assert.Equal(
            "docker buildx build --builder ci --tag ghcr.io/acme/mnist:v1 --platform linux/amd64,linux/arm64 --metadata-file /tmp/meta.json --push .",
            DockerCommand.BuildxBuild(".", buildx).Render());
        Assert.Equal("docker tag ghcr.io/acme/mnist:v1 ghcr.io/acme/mnist:abc123", DockerCommand.Tag("ghcr.io/acme/mnist:v1", "ghcr.io/acme/mnist:abc123").Render());
        Assert.Equal("docker push --quiet ghcr.io/acme/mnist:v1", DockerCommand.Push("ghcr.io/acme/mnist:v1", new DockerPushSettings { Quiet = true }).Render());
    }

    [Fact]
    public void Should_Render_A_Login_With_The_Password_On_Stdin_And_Never_Read_It()
    {
        Environment.SetEnvironmentVariable("MODELRELEASE_TEST_UNUSED_TOKEN", null);

        var command = DockerCommand.Login(new DockerLoginSettings { Server = "ghcr.io", Username = "ci-bot", PasswordVariable = "GHCR_TOKEN" });

        Assert.Equal("docker login --username ci-bot --password-stdin ghcr.io (password on standard input from $GHCR_TOKEN)", command.Render());
        Assert.Equal("login --username ci-bot --password-stdin ghcr.io", command.Arguments.Render());
        Assert.Equal("GHCR_TOKEN", command.PasswordVariable);
    }

    [Fact]
    public void Should_Refuse_A_Login_Without_A_Username()
    {
        var error = Assert.Throws<ArgumentException>(() => DockerCommand.Login(new DockerLoginSettings()));

        Assert.Contains("username", error.Message);
    }

    [Fact]
    public void Should_Quote_And_Escape_So_The_Child_Reads_The_Exact_Value()
    {
        var settings = new DockerBuildSettings();
        settings.Labels["note"] = "say \"hi\" \\ bye";

        Assert.Equal("docker build --label \"note=say \\\"hi\\\" \\ bye\" .", DockerCommand.Build(".", settings).Render());
    }

    [Fact]
    public void Should_Read_The_Pushed_Digest_From_Push_Output()
    {
        var digest = "sha256:" + new string('a', 64);
        var result = new DockerResult(DockerCommand.Push("r:v1"), ["The push refers to repository [r]", $"v1: digest: {digest} size: 1570"], []);

        Assert.Equal(digest, result.Digest);
        Assert.Null(new DockerResult(DockerCommand.Push("r:v1"), ["pushed"], []).Digest);
    }
}
