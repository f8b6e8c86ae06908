using System.Text.Json;
using ModelRelease.Tests.Shared;
using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>
/// The Image task against a recording stand-in docker first on PATH (this machine has no docker engine): the exact
/// docker argv, the login password on stdin only, the digest recorded with the version, and dry runs that run nothing.
/// </summary>
public abstract class ImageTaskTests : IDisposable
{
    private const string Repository = "ghcr.io/acme/mnist";
    private const string Secret = "pa55-w0rd-never-printed";
    private readonly ReleaseHost _host;

    protected ImageTaskTests(StoreKind kind) => _host = new ReleaseHost(kind);
    private readonly DockerStandIn _docker = new();

    public void Dispose()
    {
        _host.Dispose();
        _docker.Dispose();
        GC.SuppressFinalize(this);
    }

    private HostRun Image(bool withPassword, params string[] args) => _host.RunWith(
        withPassword ? new Dictionary<string, string> { ["PATH"] = _docker.PathVariable, ["DOCKER_PASSWORD"] = Secret } : new Dictionary<string, string> { ["PATH"] = _docker.PathVariable },
        ["--target=Image", "--model=mnist", $"--image-repository={Repository}", .. args]);

    [Fact]
    public void Should_Build_Tag_And_Push_Every_Tag_With_Labels_And_Record_The_Digest()
    {
        _host.Push("v1");
        var number = _host.Open().Version("mnist", "v1").Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var commit = _host.Commit[..12];

        var run = Image(withPassword: false, "--version=v1");

        run.AssertExit(0);
        var calls = _docker.Calls;
        Assert.Equal(6, calls.Count);
        var build = calls[0];
        var context = build[^1];
        Assert.StartsWith(Path.GetTempPath(), context);
        Assert.False(Directory.Exists(context), "the temp build context is removed after the build");
        Assert.Equal(
            ["build", "--file", Path.Combine(context, "Dockerfile"), "--tag", $"{Repository}:v1",
                "--label", "io.modelrelease.content-digest=" + _host.Open().Version("mnist", "v1").Digest,
                "--label", "io.modelrelease.dataset-version=" + _host.Open().Version("mnist", "v1").Dataset.Value,
                "--label", "io.modelrelease.model=mnist",
                "--label", $"io.modelrelease.serving-number={number}",
                "--label", "io.modelrelease.version=v1",
                "--label", $"org.opencontainers.image.base.name={ServingImage.TensorFlowServingBase}",
                "--label", "org.opencontainers.image.created=" + _host.Open().Version("mnist", "v1").CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                "--label", $"org.opencontainers.image.revision={_host.Commit}",
                "--label", "org.opencontainers.image.title=mnist",
                "--label", "org.opencontainers.image.version=v1",
                context],
            build.ToArray());
        Assert.Equal(
            [
                ["tag", $"{Repository}:v1", $"{Repository}:{number}"],
                ["tag", $"{Repository}:v1", $"{Repository}:{commit}"],
                ["push", $"{Repository}:v1"],
                ["push", $"{Repository}:{number}"],
                ["push", $"{Repository}:{commit}"],
            ],
            calls.Skip(1).Select(c => c.ToArray()).ToArray());
        var image = Assert.Single(_host.Open().Images("mnist", "v1"));
        Assert.Equal((Repository, DockerStandIn.PushDigest(Repository)), (image.Repository, image.Digest));
        Assert.Equal(["v1", number, commit], image.Tags);
        Assert.Contains($"Pushed {Repository}@{DockerStandIn.PushDigest(Repository)}", run.Out);
        Assert.Contains(_host.Open().History(new EventQuery("mnist")), e => e.Kind == EventKind.Image && e.ToVersion == "v1");
    }

    [Fact]
    public void Should_Log_In_First_With_The_Password_On_Stdin_Only()
    {
        _host.Push("v1");

        var run = Image(withPassword: true, "--version=v1", "--registry-username=ci-bot");

        run.AssertExit(0);
        Assert.Equal(["login", "--username", "ci-bot", "--password-stdin", "ghcr.io"], _docker.Calls[0]);
        Assert.Equal(Secret + "\n", _docker.Stdin);
        Assert.DoesNotContain(Secret, string.Join("\n", _docker.Calls.SelectMany(c => c)));
        Assert.DoesNotContain(Secret, run.Out + run.Error);
        Assert.DoesNotContain(Secret, _host.StoredText());
    }

    [Fact]
    public void Should_Image_Stable_When_No_Version_Is_Given()
    {
        _host.StableV1Then("v2");

        Image(withPassword: false).AssertExit(0);

        Assert.Single(_host.Open().Images("mnist", "v1"));
        Assert.Empty(_host.Open().Images("mnist", "v2"));
    }

    [Fact]
    public void Should_Print_The_Exact_Commands_On_Dryrun_And_Change_Nothing()
    {
        _host.Push("v1");
        var number = _host.Open().Version("mnist", "v1").Number;
        var before = _host.Snapshot();

        var run = Image(withPassword: true, "--version=v1", "--registry-username=ci-bot", "--dryrun");

        run.AssertExit(0);
        Assert.Equal(before, _host.Snapshot());
        Assert.Empty(_docker.Calls);
        Assert.Contains("docker login --username ci-bot --password-stdin ghcr.io (password on standard input from $DOCKER_PASSWORD)", run.Out);
        Assert.Contains($"docker tag {Repository}:v1 {Repository}:{number}", run.Out);
        Assert.Contains($"docker push {Repository}:v1", run.Out);
        Assert.Contains($"docker build --file {Path.GetTempPath()}", run.Out);
        Assert.Contains("would run 7 docker commands (login, build, tag, tag, push, push, push)", run.Out);
        Assert.Contains($"--label org.opencontainers.image.revision={_host.Commit}", run.Out);
        Assert.DoesNotContain(Secret, run.Out + run.Error);
        Assert.Empty(_host.Open().Images("mnist"));
    }

    [Fact]
    public void Should_Plan_The_Image_Of_The_Version_Push_Would_Create_In_A_Dryrun_Chain()
    {
        var artifact = _host.Artifact("v1");
        var before = _host.WorkSnapshot();

        var run = _host.RunWith(
            new Dictionary<string, string> { ["PATH"] = _docker.PathVariable },
            "--target=Push", "--target=Image", "--model=mnist", $"--artifact={artifact}", ReleaseHost.Metrics(0.9, 50), "--version=v1",
            $"--image-repository={Repository}", "--dryrun");

        run.AssertExit(0);
        Assert.Contains($"docker push {Repository}:v1", run.Out);
        Assert.Empty(_docker.Calls);
        Assert.Equal(before, _host.WorkSnapshot());
    }

    [Theory]
    [InlineData("ghcr.io/acme/mnist:latest", "has a tag")]
    [InlineData("ghcr.io/Acme/Mnist", "lowercase")]
    [InlineData("ghcr.io/acme/mnist@sha256:abc", "has a digest")]
    [InlineData("bad host!/mnist", "is not a valid name")]
    public void Should_Refuse_A_Bad_Repository_As_A_Usage_Error_And_Run_Nothing(string repository, string problem)
    {
        _host.Push("v1");
        var before = _host.Snapshot();

        var run = _host.RunWith(new Dictionary<string, string> { ["PATH"] = _docker.PathVariable }, "--target=Image", "--model=mnist", $"--image-repository={repository}");

        run.AssertExit(2);
        Assert.Contains("--image-repository", run.Error);
        Assert.Contains(problem, run.Error);
        Assert.Empty(_docker.Calls);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Refuse_A_Login_Without_Its_Password_Before_Running_Docker()
    {
        _host.Push("v1");

        var run = Image(withPassword: false, "--version=v1", "--registry-username=ci-bot");

        run.AssertExit(1);
        Assert.Contains("DOCKER_PASSWORD, which is not set or empty", run.Error);
        Assert.Empty(_docker.Calls);
    }

    [Fact]
    public void Should_Fail_With_Dockers_Message_And_Record_No_Digest_When_Docker_Fails()
    {
        _host.Push("v1");
        _docker.Fail("push", "denied: requested access to the resource is denied");

        var run = Image(withPassword: true, "--version=v1", "--registry-username=ci-bot");

        run.AssertExit(1);
        Assert.Contains("denied: requested access to the resource is denied", run.Error);
        Assert.Contains($"docker push {Repository}:v1 failed with exit code 1", run.Error);
        Assert.DoesNotContain(Secret, run.Out + run.Error);
        Assert.Empty(_host.Open().Images("mnist"));
        Assert.False(Directory.Exists(_docker.Calls.Single(c => c[0] == "build")[^1]));
    }

    [Fact]
    public void Should_Show_The_Pushed_Image_In_Status_Json()
    {
        _host.Push("v1");
        Image(withPassword: false, "--version=v1").AssertExit(0);

        var run = _host.Do("Status", "--format=json");

        using var json = JsonDocument.Parse(run.Out);
        var version = json.RootElement.GetProperty("models")[0].GetProperty("versions")[0];
        var image = version.GetProperty("images")[0];
        Assert.Equal($"{Repository}@{DockerStandIn.PushDigest(Repository)}", image.GetProperty("reference").GetString());
    }

    [Fact]
    public void Should_Write_A_Context_With_The_Serving_View_And_A_One_Version_Config()
    {
        _host.Push("v1");
        using var registry = _host.Open();
        var image = registry.PlanImage(new ImageRequest("mnist", "v1", Repository));
        var directory = Path.Combine(Path.GetTempPath(), "modelrelease-image-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            image.WriteContext(directory);

            var number = image.Version.Number;
            Assert.Equal(
                $"""
                # Generated by ModelRelease's Image task for model mnist, serving number {number}. Regenerate it rather than edit it.
                FROM {ServingImage.TensorFlowServingBase}
                COPY models.config routing.json /models/
                COPY mnist/serving/{number}/ /models/mnist/serving/{number}/
                EXPOSE 8500 8501
                ENTRYPOINT ["tensorflow_model_server", "--port=8500", "--rest_api_port=8501", "--model_config_file=/models/models.config"]

                """,
                File.ReadAllText(Path.Combine(directory, "Dockerfile")));
            Assert.Equal("graph v1", File.ReadAllText(Path.Combine(directory, "mnist", "serving", number.ToString(System.Globalization.CultureInfo.InvariantCulture), "saved_model.pb")));
            var config = File.ReadAllText(Path.Combine(directory, "models.config"));
            Assert.Contains("base_path: \"/models/mnist/serving\"", config);
            Assert.Contains($"versions: {number}", config);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
