using ModelRelease.Cake.Tests.Fixtures;
using ModelRelease.Tests.Shared;

namespace ModelRelease.Cake.Tests;

/// <summary>
/// The docker aliases run against a recording stand-in docker first on PATH: this machine has the docker client
/// and no engine, so what is checked is the exact argv docker receives, what it reads on stdin, and what is printed.
/// </summary>
public sealed class DockerAliasTests : IDisposable
{
    private const string Token = "s3cr3t-token-value";
    private readonly DockerStandIn _docker = new();
    private readonly string _context = Directory.CreateTempSubdirectory("modelrelease-docker-ctx-").FullName;

    public void Dispose()
    {
        _docker.Dispose();
        Directory.Delete(_context, recursive: true);
    }

    private HostRun Run(bool login, string? token = Token) => HostRun.Of(
        host =>
        {
            host.AddTasks(typeof(DockerReleaseTask)).UseEnvironmentVariable("PATH", _docker.PathVariable);
            if (token is not null)
            {
                host.UseEnvironmentVariable("GHCR_TOKEN", token);
            }
        },
        ["--target=Docker-Release", $"--dir={_context}", .. login ? new[] { "--login" } : []]);

    [Fact]
    public void Should_Pass_Docker_The_Exact_Arguments_Of_Each_Alias()
    {
        var run = Run(login: true);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Equal(
            [
                ["login", "--username", "ci-bot", "--password-stdin", "ghcr.io"],
                ["build", "--file", Path.Combine(_context, "Dockerfile"), "--tag", "ghcr.io/acme/mnist:v1",
                    "--label", "io.modelrelease.dataset-version=reviews 2026", "--label", "org.opencontainers.image.revision=abc123", "--pull", _context],
                ["tag", "ghcr.io/acme/mnist:v1", "ghcr.io/acme/mnist:20261202101500"],
                ["push", "ghcr.io/acme/mnist:v1"],
                ["buildx", "build", "--tag", "ghcr.io/acme/mnist:v1", "--platform", "linux/amd64,linux/arm64", "--metadata-file", Path.Combine(_context, "metadata.json"), "--push", _context],
            ],
            _docker.Calls.Select(c => c.ToArray()).ToArray());
    }

    [Fact]
    public void Should_Return_The_Pushed_Digest_And_Buildx_Metadata_Digest()
    {
        var run = Run(login: false);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Contains("push digest " + DockerStandIn.PushDigest("ghcr.io/acme/mnist"), run.Output);
        Assert.Contains("buildx digest " + DockerStandIn.BuildxDigest(_context), run.Output);
        Assert.DoesNotContain(_docker.Calls, c => c[0] == "login");
    }

    [Fact]
    public void Should_Give_The_Password_To_Docker_On_Stdin_Only()
    {
        var run = HostRun.Of(
            host => host.AddTasks(typeof(DockerReleaseTask)).UseEnvironmentVariable("PATH", _docker.PathVariable).UseEnvironmentVariable("GHCR_TOKEN", Token),
            "--target=Docker-Release", $"--dir={_context}", "--login", "--verbosity=diagnostic");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Token + "\n", _docker.Stdin);
        Assert.DoesNotContain(Token, string.Join("\n", _docker.Calls.SelectMany(c => c)));
        Assert.DoesNotContain(Token, run.Output + run.Error);
        Assert.Contains("login", run.Output + run.Error);
    }

    [Fact]
    public void Should_Refuse_A_Login_Whose_Password_Variable_Is_Unset_Before_Running_Docker()
    {
        var run = Run(login: true, token: null);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("GHCR_TOKEN is not set or empty", run.Error);
        Assert.Empty(_docker.Calls);
    }

    [Fact]
    public void Should_Fail_With_Dockers_Own_Message_When_Docker_Fails()
    {
        _docker.Fail("push", "denied: requested access to the resource is denied");

        var run = Run(login: true);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("docker push ghcr.io/acme/mnist:v1 failed with exit code 1: denied: requested access to the resource is denied", run.Error);
        Assert.DoesNotContain(Token, run.Output + run.Error);
        Assert.DoesNotContain(_docker.Calls, c => c[0] == "buildx");
    }
}
