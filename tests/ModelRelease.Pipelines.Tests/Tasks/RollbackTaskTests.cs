using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

public abstract class RollbackTaskTests : IDisposable
{
    private readonly ReleaseHost _host;

    protected RollbackTaskTests(StoreKind kind) => _host = new ReleaseHost(kind);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    private string? Stable()
    {
        using var registry = _host.Open();
        return registry.VersionAt("mnist", LabelNames.Stable)?.Name;
    }

    [Fact]
    public void Should_Abort_A_Canary_And_Leave_Stable_Untouched()
    {
        _host.StableV1Then("v2");
        _host.Do("Canary", "--weight=30");

        var run = _host.Do("Rollback", "--reason=p99 doubled");

        Assert.Contains("abort canary v2", run.Out);
        Assert.Equal("v1", Stable());
        using var registry = _host.Open();
        Assert.DoesNotContain(registry.Labels("mnist"), l => l.Label == LabelNames.Canary);
        var abort = registry.History(new EventQuery("mnist", LabelNames.Canary)).Last();
        Assert.Equal((EventKind.Rollback, "v2", (string?)null, "p99 doubled"), (abort.Kind, abort.FromVersion, abort.ToVersion, abort.Reason));
        using var routing = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_host.Root, "routing.json")));
        var mnist = routing.RootElement.GetProperty("models").GetProperty("mnist");
        Assert.Equal(100, mnist.GetProperty("stable").GetProperty("weight").GetInt32());
        Assert.False(mnist.TryGetProperty("canary", out _));
    }

    [Fact]
    public void Should_Roll_Back_To_Previous_Across_Promote_Promote_Rollback_Sequences()
    {
        _host.Push("v1");
        _host.Push("v2");
        _host.Push("v3");
        _host.Do("Promote", "--version=v1");
        _host.Do("Promote", "--version=v3");

        _host.Do("Rollback");
        Assert.Equal("v1", Stable());

        // What stable was before its last move is v3 now, not the next-lower number v2.
        _host.Do("Rollback", "--to=previous");
        Assert.Equal("v3", Stable());

        _host.Do("Promote", "--version=v2");
        _host.Do("Rollback", "--to=previous");
        Assert.Equal("v3", Stable());
    }

    [Fact]
    public void Should_Roll_Back_To_Golden_And_To_A_Named_Version()
    {
        _host.Push("v1");
        _host.Push("v2");
        _host.Push("v3");
        _host.Do("Promote", "--version=v3");
        _host.Do("Label", "--label=golden", "--version=v1");

        _host.Do("Rollback", "--to=golden", "--reason=incident");
        Assert.Equal("v1", Stable());

        _host.Do("Rollback", "--to=v2");
        Assert.Equal("v2", Stable());
        using var registry = _host.Open();
        Assert.Contains(registry.History(new EventQuery("mnist", LabelNames.Stable)), e => e.Kind == EventKind.Rollback && e.ToVersion == "v1" && e.Reason == "incident");
    }

    [Fact]
    public void Should_Refuse_Unknown_Pruned_And_Missing_Targets()
    {
        _host.StableV1Then();

        var noPrevious = _host.Run("--target=Rollback", "--model=mnist");
        var noGolden = _host.Run("--target=Rollback", "--model=mnist", "--to=golden");
        var unknown = _host.Run("--target=Rollback", "--model=mnist", "--to=v9");

        noPrevious.AssertExit(1);
        Assert.Contains("no previous version", noPrevious.Error);
        noGolden.AssertExit(1);
        Assert.Contains("no golden version", noGolden.Error);
        unknown.AssertExit(1);
        Assert.Contains("no version 'v9'", unknown.Error);
        Assert.Equal("v1", Stable());
    }

    [Fact]
    public void Should_Refuse_A_Model_With_No_Stable_Yet_Naming_The_Promote_To_Run()
    {
        _host.Push("v1");
        var before = _host.Snapshot();

        var run = _host.Run("--target=Rollback", "--model=mnist");

        run.AssertExit(1);
        Assert.Contains("has no stable version, so there is nothing to roll back", run.Error);
        Assert.Contains("--target=Promote --model=mnist --version=<name>", run.Error);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Refuse_A_Pruned_Target()
    {
        _host.Push("v1");
        _host.Push("v2");
        _host.Push("v3");
        _host.Push("v4");
        _host.Do("Promote", "--version=v4");
        _host.Do("Prune", "--keep=1");

        var run = _host.Run("--target=Rollback", "--model=mnist", "--to=v2");

        run.AssertExit(1);
        Assert.Contains("pruned", run.Error);
        Assert.Equal("v4", Stable());
    }

    [Fact]
    public void Should_Exit_2_For_A_Malformed_Target()
    {
        var run = _host.Run("--target=Rollback", "--model=mnist", "--to=../etc");

        run.AssertExit(2);
        Assert.Contains("--to", run.Error);
    }
}
