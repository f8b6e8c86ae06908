using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tests;

public sealed class ReleaseContextTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelrelease-context-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (int ExitCode, string Error, ReleaseContext? Context) Run(params string[] args) => RunWith(new Dictionary<string, string>(), args);

    private (int ExitCode, string Error, ReleaseContext? Context) RunWith(Dictionary<string, string> environment, params string[] args)
    {
        ContextProbeTask.Seen = null;
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new PipelineHost();
        foreach (var (name, value) in environment)
        {
            host.UseEnvironmentVariable(name, value);
        }

        var exitCode = host
            .UseContext<ReleaseContext>()
            .AddTask<ContextProbeTask>()
            .UseConsole(output, error)
            .UseWorkingDirectory(_directory)
            .Run(["--target=Probe", .. args]);
        return (exitCode, error.ToString(), ContextProbeTask.Seen);
    }

    [Fact]
    public void Should_Default_Root_To_Serving_Model_And_Registry_Inside_It()
    {
        var (exitCode, _, context) = Run("--model=mnist");

        Assert.Equal(0, exitCode);
        Assert.NotNull(context);
        Assert.Equal("mnist", context.Model);
        Assert.Equal(Path.Combine(_directory, "serving_model"), context.Root);
        Assert.Equal(Path.Combine(_directory, "serving_model", "registry.db"), context.Store);
        Assert.Equal(10, context.Weight);
        Assert.Equal(5, context.Keep);
        Assert.Equal("table", context.Format);
        Assert.Null(context.Version);
        Assert.False(context.DryRun);
    }

    [Fact]
    public void Should_Resolve_Given_Paths_Against_The_Working_Directory()
    {
        var (_, _, context) = Run("--root=models", "--registry=meta/store.db", "--weight=25", "--keep=2", "--format=JSON", "--version=segmentation-v1.2.3", "--reason", "bad canary");

        Assert.NotNull(context);
        Assert.Equal(Path.Combine(_directory, "models"), context.Root);
        Assert.Equal(Path.Combine(_directory, "meta", "store.db"), context.Store);
        Assert.Equal(25, context.Weight);
        Assert.Equal(2, context.Keep);
        Assert.Equal("json", context.Format);
        Assert.Equal("segmentation-v1.2.3", context.Version);
        Assert.Equal("bad canary", context.Reason);
    }

    [Fact]
    public void Should_Take_Root_And_Registry_Defaults_From_The_Environment()
    {
        var (_, _, context) = RunWith(
            new() { [ReleaseContext.RootVariable] = "/srv/models", [ReleaseContext.RegistryVariable] = "shared/registry.db" });

        Assert.NotNull(context);
        Assert.Equal("/srv/models", context.Root);
        Assert.Equal(Path.Combine(_directory, "shared", "registry.db"), context.Store);
    }

    [Fact]
    public void Should_Prefer_Arguments_Over_The_Environment()
    {
        var (_, _, context) = RunWith(
            new() { [ReleaseContext.RootVariable] = "/srv/models", [ReleaseContext.RegistryVariable] = "/srv/registry.db" },
            "--root=/data/serving");

        Assert.NotNull(context);
        Assert.Equal("/data/serving", context.Root);
        Assert.Equal("/srv/registry.db", context.Store);
    }

    [Fact]
    public void Should_Keep_A_PostgreSQL_Connection_String_As_Given()
    {
        const string connection = "Host=127.0.0.1;Database=models;Username=release";

        var (_, _, context) = Run("--registry=" + connection);

        Assert.NotNull(context);
        Assert.Equal(connection, context.Store);
        Assert.True(ReleaseContext.IsConnectionString(context.Store));
        Assert.False(ReleaseContext.IsConnectionString("/var/lib/models/registry.db"));
    }

    [Theory]
    [InlineData("--model=MNIST", "--model: model name 'MNIST' is not valid")]
    [InlineData("--model=../etc", "--model: model name '../etc' is not valid")]
    [InlineData("--version=a/b", "--version: version name 'a/b' is not valid")]
    [InlineData("--weight=0", "--weight=0 is not valid: give a whole number from 1 to 99")]
    [InlineData("--weight=100", "--weight=100 is not valid")]
    [InlineData("--weight=ten", "--weight=ten is not valid")]
    [InlineData("--keep=-1", "--keep=-1 is not valid")]
    [InlineData("--format=xml", "--format=xml is not valid: choose one of table, json")]
    public void Should_Exit_2_With_The_Fix_For_A_Malformed_Value(string argument, string expected)
    {
        var (exitCode, error, context) = Run(argument);

        Assert.True(error.Contains(expected), error);
        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Null(context);
    }
}
