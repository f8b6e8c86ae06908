using Dapper;
using Microsoft.Data.Sqlite;
using ModelRelease.Tests.Registry;

namespace ModelRelease.Tests.Images;

public sealed class VersionImageRecordTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private static readonly string Digest = "sha256:" + new string('b', 64);

    [Fact]
    public void Should_Record_A_Pushed_Image_With_An_Event_And_Read_It_Back()
    {
        _scenario.Push("one", name: "v1");
        using var registry = _scenario.Open();

        var image = registry.RecordImage("mnist", "v1", "ghcr.io/acme/mnist", ["v1", "20261128100000"], Digest);

        var read = Assert.Single(registry.Images("mnist", "v1"));
        Assert.Equal(("ghcr.io/acme/mnist", Digest, "ghcr.io/acme/mnist@" + Digest), (read.Repository, read.Digest, read.Reference));
        Assert.Equal(["v1", "20261128100000"], read.Tags);
        Assert.Equal(image.PushedAt, read.PushedAt);
        var logged = Assert.Single(registry.History(new EventQuery("mnist")), e => e.Kind == EventKind.Image);
        Assert.Equal(("v1", "ghcr.io/acme/mnist@" + Digest), (logged.ToVersion, logged.Reason));
        Assert.Contains(Digest, logged.Evidence);
    }

    [Fact]
    public void Should_Refuse_A_Digest_That_Is_Not_One_And_Record_Nothing()
    {
        _scenario.Push("one", name: "v1");
        using var registry = _scenario.Open();

        var error = Assert.Throws<RegistryException>(() => registry.RecordImage("mnist", "v1", "ghcr.io/acme/mnist", ["v1"], "sha256:abc"));

        Assert.Contains("'sha256:abc' is not an image digest", error.Message);
        Assert.Empty(registry.Images("mnist"));
    }

    [Fact]
    public void Should_Refuse_An_Unknown_Version()
    {
        _scenario.Push("one", name: "v1");
        using var registry = _scenario.Open();

        var error = Assert.Throws<RegistryException>(() => registry.RecordImage("mnist", "v9", "ghcr.io/acme/mnist", ["v9"], Digest));

        Assert.Contains("v9", error.Message);
        Assert.Empty(registry.Images("mnist"));
    }

    [Fact]
    public void Should_Add_The_Images_Table_In_Schema_5()
    {
        _scenario.Push("one", name: "v1");

        using var connection = new SqliteConnection($"Data Source={_scenario.RegistryPath};Mode=ReadOnly");
        connection.Open();
        Assert.Equal(1, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM schema_info WHERE version = 5"));
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM version_images"));
    }

    [Fact]
    public void Should_Plan_Tags_And_Labels_From_The_Versions_Provenance()
    {
        var version = _scenario.Push("one", name: "v1");
        using var registry = _scenario.Open();

        var image = registry.PlanImage(new ImageRequest("mnist", "v1", "ghcr.io/acme/mnist") { Source = "https://user:token@github.com/acme/mnist.git" });

        Assert.Equal(ServingImage.TensorFlowServingBase, image.BaseImage);
        Assert.Equal("ghcr.io/acme/mnist:v1", image.References[0]);
        Assert.Equal(version.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), image.Tags[1]);
        Assert.Equal(version.Git.Commit, image.Labels["org.opencontainers.image.revision"]);
        Assert.Equal(version.Dataset.Value, image.Labels["io.modelrelease.dataset-version"]);
        Assert.DoesNotContain("token", image.Labels["org.opencontainers.image.source"]);
    }

    [Fact]
    public void Should_Refuse_A_Bad_Base_Image_Naming_It()
    {
        _scenario.Push("one", name: "v1");
        using var registry = _scenario.Open();

        var error = Assert.Throws<RegistryException>(() => registry.PlanImage(new ImageRequest("mnist", "v1", "ghcr.io/acme/mnist") { BaseImage = "serving:1\nRUN rm -rf /" }));

        Assert.Contains("tensorflow/serving:2.18.0", error.Message);
    }

    [Fact]
    public void Should_Serve_An_Onnx_Version_From_The_Repos_Own_Host_Under_Models()
    {
        var artifact = _scenario.Temp.Combine("artifacts", "onnx");
        _scenario.Temp.WriteFile(Path.Combine("artifacts", "onnx", "model.onnx"), "onnx bytes");
        using var registry = _scenario.Open();
        var version = registry.Push(new PushRequest("mnist", artifact) { Git = RegistryScenario.CleanGit, DatasetVersion = "ds-1", VersionName = "v1" }).Version;

        var image = registry.PlanImage(new ImageRequest("mnist", "v1", "ghcr.io/acme/mnist"));

        Assert.Equal((ArtifactFormat.Onnx, ServingImage.OnnxServingBase), (image.Format, image.BaseImage));
        Assert.Contains($"FROM {ServingImage.OnnxServingBase}\n", image.Dockerfile);
        Assert.Contains($"COPY mnist/serving/{version.Number}/ /models/mnist/serving/{version.Number}/\n", image.Dockerfile);
        Assert.Contains("CMD [\"--target=Serve\", \"--root=/models\", \"--host=0.0.0.0\", \"--port=8501\"]", image.Dockerfile);
        Assert.Contains("model_platform: \"onnx\"", image.ModelsConfig);
    }
}
