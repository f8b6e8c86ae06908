using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The stock tasks with a policy that asks for router files: they follow Canary, Promote and Rollback, and a dry run lists them.</summary>
public abstract class RouterOutputTaskTests : IDisposable
{
    private readonly ReleaseHost _host;

    protected RouterOutputTaskTests(StoreKind kind) => _host = new ReleaseHost(kind);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    private string KServe => Path.Combine(_host.Root, "kserve", "mnist.yaml");

    private string Istio => Path.Combine(_host.Root, "istio", "mnist.yaml");

    [Fact]
    public void Should_Rewrite_The_Router_Files_On_Canary_Promote_And_Rollback()
    {
        var policy = PolicyFile();
        Push("v1");
        _host.Run("--target=Promote", "--model=mnist", "--version=v1", $"--policy={policy}").AssertExit(0);
        Push("v2");

        _host.Run("--target=Canary", "--model=mnist", "--version=v2", "--weight=10", $"--policy={policy}").AssertExit(0);
        Assert.Contains("canaryTrafficPercent: 10", File.ReadAllText(KServe), StringComparison.Ordinal);
        Assert.Contains("storageUri: gs://bucket/mnist/v2", File.ReadAllText(KServe), StringComparison.Ordinal);
        Assert.Contains("weight: 90", File.ReadAllText(Istio), StringComparison.Ordinal);

        _host.Run("--target=Promote", "--model=mnist", $"--policy={policy}").AssertExit(0);
        Assert.DoesNotContain("canaryTrafficPercent", File.ReadAllText(KServe), StringComparison.Ordinal);
        Assert.Contains("storageUri: gs://bucket/mnist/v2", File.ReadAllText(KServe), StringComparison.Ordinal);
        Assert.Contains("weight: 100", File.ReadAllText(Istio), StringComparison.Ordinal);

        _host.Run("--target=Rollback", "--model=mnist", "--to=v1", $"--policy={policy}").AssertExit(0);
        Assert.Contains("storageUri: gs://bucket/mnist/v1", File.ReadAllText(KServe), StringComparison.Ordinal);
        Assert.Contains("host: mnist-stable", File.ReadAllText(Istio), StringComparison.Ordinal);
        Assert.DoesNotContain("mnist-canary", File.ReadAllText(Istio), StringComparison.Ordinal);
    }

    [Fact]
    public void Should_List_The_Router_Files_In_A_Dry_Run_And_Write_None()
    {
        var policy = PolicyFile();
        Push("v1");

        var run = _host.Run("--target=Promote", "--model=mnist", "--version=v1", $"--policy={policy}", "--dryrun");

        run.AssertExit(0);
        var text = RootSafetyTests.Flat(run.Out);
        Assert.Contains("kserve/mnist.yaml (KServe router: the same traffic split)", text, StringComparison.Ordinal);
        Assert.Contains("istio/mnist.yaml (Istio router: the same traffic split)", text, StringComparison.Ordinal);
        Assert.False(File.Exists(KServe));
    }

    private void Push(string version) =>
        _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact(version)}", $"--version={version}", "--skip-validation", "--reason=router test").AssertExit(0);

    private string PolicyFile()
    {
        var path = Path.Combine(_host.WorkDirectory, "policy.json");
        File.WriteAllText(path, "{\"model\": \"mnist\", \"routers\": {\"outputs\": [\"kserve\", \"istio\"], \"namespace\": \"ml\", \"storageUri\": \"gs://bucket/mnist\"}}");
        return path;
    }
}
