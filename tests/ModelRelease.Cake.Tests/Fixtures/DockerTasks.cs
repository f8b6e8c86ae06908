using Spectre.Console;

using ModelRelease.Cake.Docker;

namespace ModelRelease.Cake.Tests.Fixtures;

/// <summary>A team's own task using the docker aliases: login, build, tag, push, then a buildx build with push.</summary>
[TaskName("Docker-Release")]
public sealed class DockerReleaseTask : PipelineTask<PipelineContext>
{
    public static readonly Argument<string?> Dir = Argument.Text("dir", "build context");

    public static readonly Argument<bool> Login = Argument.Flag("login", "log in first");

    public override void Run(PipelineContext context)
    {
        var dir = context.Get(Dir)!;
        if (context.Get(Login))
        {
            context.DockerLogin(new DockerLoginSettings { Server = "ghcr.io", Username = "ci-bot", PasswordVariable = "GHCR_TOKEN" });
        }

        var build = new DockerBuildSettings { File = Path.Combine(dir, "Dockerfile"), Pull = true };
        build.Tags.Add("ghcr.io/acme/mnist:v1");
        build.Labels["org.opencontainers.image.revision"] = "abc123";
        build.Labels["io.modelrelease.dataset-version"] = "reviews 2026";
        context.DockerBuild(dir, build);
        context.DockerTag("ghcr.io/acme/mnist:v1", "ghcr.io/acme/mnist:20261202101500");
        var pushed = context.DockerPush("ghcr.io/acme/mnist:v1");
        context.Console.WriteLine("push digest " + pushed.Digest);
        var buildx = new DockerBuildxBuildSettings { Push = true, Platform = "linux/amd64,linux/arm64", MetadataFile = Path.Combine(dir, "metadata.json") };
        buildx.Tags.Add("ghcr.io/acme/mnist:v1");
        context.Console.WriteLine("buildx digest " + context.DockerBuildxBuild(dir, buildx).Digest);
    }
}
