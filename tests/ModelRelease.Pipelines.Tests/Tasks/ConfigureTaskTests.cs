using ModelRelease.Tests.Registry;
namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>Configure keeps the serving path in the root and rewrites models.config under it; bad input changes nothing.</summary>
public abstract class ConfigureTaskTests : IDisposable
{
    private readonly ReleaseHost _host;

    protected ConfigureTaskTests(StoreKind kind) => _host = new ReleaseHost(kind);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    private string ModelsConfig => File.ReadAllText(Path.Combine(_host.Root, "models.config"));

    private string SettingsFile => Path.Combine(_host.Root, ".modelrelease", "settings.json");

    [Fact]
    public void Should_Rewrite_Models_Config_Under_The_Serving_Path_And_Keep_It_For_Later_Releases()
    {
        // Given a stable version, with models.config naming the root by its path on this machine
        _host.StableV1Then("v2");
        Assert.Contains($"base_path: \"{_host.Root}/mnist/serving\"", ModelsConfig);

        // When the root is configured for a container that mounts it at /models, and a later release runs
        var run = _host.Run("--target=Configure", "--serving-path=/models");
        var rewritten = ModelsConfig;
        _host.Do("Canary", "--version=v2");

        // Then the setting is kept in the root, and every models.config since names /models
        run.AssertExit(0);
        Assert.Contains("set to /models (was the root's own path)", run.Out);
        Assert.Contains("models.config rewritten", run.Out);
        Assert.Equal("{\n  \"servingPath\": \"/models\"\n}\n", File.ReadAllText(SettingsFile));
        Assert.Contains("base_path: \"/models/mnist/serving\"", rewritten);
        Assert.Contains("base_path: \"/models/mnist/serving\"", ModelsConfig);
        Assert.Contains("key: \"canary\"", ModelsConfig);
        Assert.DoesNotContain(_host.Root, ModelsConfig);
    }

    [Fact]
    public void Should_Go_Back_To_The_Roots_Own_Path_When_Cleared()
    {
        // Given a root configured for /models
        _host.StableV1Then();
        _host.Run("--target=Configure", "--serving-path=/models").AssertExit(0);

        // When the setting is cleared
        var run = _host.Run("--target=Configure", "--clear");

        // Then models.config names the root's own path again
        run.AssertExit(0);
        Assert.Contains("set to the root's own path (was /models)", run.Out);
        Assert.Contains($"base_path: \"{_host.Root}/mnist/serving\"", ModelsConfig);
        Assert.Equal("{}\n", File.ReadAllText(SettingsFile));
    }

    [Fact]
    public void Should_Print_The_Plan_And_Change_Nothing_In_A_Dry_Run()
    {
        // Given a stable version
        _host.StableV1Then();
        var before = _host.Snapshot();

        // When Configure is rehearsed
        var run = _host.Run("--target=Configure", "--serving-path=/models", "--dryrun");

        // Then it names both files it would write, and not a byte of the root changed
        run.AssertExit(0);
        Assert.Contains($"would write {SettingsFile} (serving path /models, was the root's own path)", run.Out);
        Assert.Contains($"would write {Path.Combine(_host.Root, "models.config")} (base_path of each model under /models)", run.Out);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Print_The_Setting_And_Change_Nothing_Without_Arguments()
    {
        // Given a root configured for /models
        _host.StableV1Then();
        _host.Run("--target=Configure", "--serving-path=/models").AssertExit(0);
        var before = _host.Snapshot();

        // When Configure runs without arguments, and again with the same path
        var show = _host.Run("--target=Configure");
        var same = _host.Run("--target=Configure", "--serving-path=/models");

        // Then
        show.AssertExit(0);
        Assert.Contains("names it as /models (set in", show.Out);
        Assert.Contains(SettingsFile, show.Out);
        same.AssertExit(0);
        Assert.Contains("is already /models; nothing to do", same.Out);
        Assert.Equal(before, _host.Snapshot());
    }

    [Theory]
    [InlineData("--serving-path=", "--serving-path was given an empty value")]
    [InlineData("--serving-path=models", "'models' is not an absolute POSIX path")]
    [InlineData("--serving-path=C:\\models", "is not an absolute POSIX path")]
    [InlineData("--serving-path=/models/../etc", "'..' segment")]
    [InlineData("--serving-path=/models/", "ends with '/'")]
    public void Should_Exit_2_And_Change_Nothing_When_The_Serving_Path_Is_Not_Usable(string argument, string message)
    {
        // Given a stable version
        _host.StableV1Then();
        var before = _host.Snapshot();

        // When Configure is given a path the server could not use
        var run = _host.Run("--target=Configure", argument);

        // Then
        run.AssertExit(2);
        Assert.Contains(message, run.Error);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Exit_2_When_Told_To_Set_And_Clear_At_Once()
    {
        _host.StableV1Then();
        var before = _host.Snapshot();

        var run = _host.Run("--target=Configure", "--serving-path=/models", "--clear");

        run.AssertExit(2);
        Assert.Contains("not both", run.Error);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Exit_1_And_Create_Nothing_When_The_Root_Does_Not_Exist()
    {
        // Given no serving root
        // When it is configured, for real and rehearsed
        var run = _host.Run("--target=Configure", "--serving-path=/models");
        var rehearsal = _host.Run("--target=Configure", "--serving-path=/models", "--dryrun");

        // Then both refuse, naming the root, and create nothing
        run.AssertExit(1);
        Assert.Contains($"The serving root {_host.Root} does not exist", run.Error);
        rehearsal.AssertExit(1);
        Assert.Contains("does not exist", rehearsal.Error);
        Assert.False(Directory.Exists(_host.Root));
    }

    [Fact]
    public void Should_Refuse_A_Settings_File_With_An_Unknown_Key_Naming_The_File_And_The_Key()
    {
        // Given a settings file with a typo in its key
        _host.StableV1Then();
        Directory.CreateDirectory(Path.GetDirectoryName(SettingsFile)!);
        File.WriteAllText(SettingsFile, "{\"servingpath\": \"/models\"}");
        var before = _host.Snapshot();

        // When any task opens the registry
        var run = _host.Run("--target=Status", "--model=mnist");

        // Then
        run.AssertExit(1);
        Assert.Contains($"{SettingsFile}: unknown key 'servingpath'. The keys are: servingPath", run.Error);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Write_The_Onnx_Platform_For_A_Stable_Onnx_Model()
    {
        // Given an ONNX export, pushed and promoted
        var artifact = Path.Combine(_host.WorkDirectory, "artifacts", "onnx");
        Directory.CreateDirectory(artifact);
        File.WriteAllText(Path.Combine(artifact, "model.onnx"), "onnx graph");
        _host.Run("--target=Push", "--model=mnist", $"--artifact={artifact}", "--version=o1", "--skip-validation", "--reason=exported offline").AssertExit(0);

        // When it becomes stable
        _host.Do("Promote", "--version=o1");

        // Then TF Serving's config says onnx, not tensorflow
        Assert.Contains("model_platform: \"onnx\"", ModelsConfig);
        Assert.DoesNotContain("tensorflow", ModelsConfig);
    }
}
