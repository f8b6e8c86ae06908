using System.Text.Json;
using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

public abstract class CanaryPromoteTaskTests : IDisposable
{
    private readonly ReleaseHost _host;

    protected CanaryPromoteTaskTests(StoreKind kind) => _host = new ReleaseHost(kind);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Should_Refuse_A_Canary_Without_Stable_And_Say_To_Promote_First()
    {
        _host.Push("v1");

        var run = _host.Run("--target=Canary", "--model=mnist");

        run.AssertExit(1);
        Assert.Contains("no stable version yet", run.Error);
        Assert.Contains("--target=Promote --model=mnist --version=v1", run.Error);
    }

    [Fact]
    public void Should_Canary_The_Newest_Blessed_Version_At_The_Policy_First_Step_And_Write_Both_Configs()
    {
        _host.StableV1Then("v2");

        var run = _host.Do("Canary");

        Assert.Contains("canary v2 at 20% of traffic against stable v1", run.Out);
        Assert.Contains("--weight=50", run.Out);
        using var registry = _host.Open();
        var canary = Assert.Single(registry.Labels("mnist"), l => l.Label == LabelNames.Canary);
        Assert.Equal(("v2", 20), (canary.Version, canary.Weight));
        var config = File.ReadAllText(Path.Combine(_host.Root, "models.config"));
        var v1 = registry.Version("mnist", "v1").Number;
        var v2 = registry.Version("mnist", "v2").Number;
        Assert.Contains($"versions: {v1}", config);
        Assert.Contains($"versions: {v2}", config);
        Assert.Contains("key: \"canary\"", config);
        using var routing = JsonDocument.Parse(File.ReadAllText(Path.Combine(_host.Root, "routing.json")));
        var mnist = routing.RootElement.GetProperty("models").GetProperty("mnist");
        Assert.Equal(("v1", 80), (mnist.GetProperty("stable").GetProperty("version").GetString(), mnist.GetProperty("stable").GetProperty("weight").GetInt32()));
        Assert.Equal(("v2", 20), (mnist.GetProperty("canary").GetProperty("version").GetString(), mnist.GetProperty("canary").GetProperty("weight").GetInt32()));
        Assert.Equal("versions/v2", new FileInfo(Path.Combine(_host.Root, "mnist", "canary")).LinkTarget);
    }

    [Fact]
    public void Should_Take_The_Given_Weight_And_Version()
    {
        _host.StableV1Then("v2", "v3");

        _host.Do("Canary", "--version=v2", "--weight=35");

        using var registry = _host.Open();
        var canary = Assert.Single(registry.Labels("mnist"), l => l.Label == LabelNames.Canary);
        Assert.Equal(("v2", 35), (canary.Version, canary.Weight));
    }

    [Fact]
    public void Should_Refuse_An_Unvalidated_Version_With_Exit_3()
    {
        _host.StableV1Then();
        using (var registry = _host.Open())
        {
            registry.Push(new PushRequest("mnist", _host.Artifact("raw")) { VersionName = "raw" });
        }

        var run = _host.Run("--target=Canary", "--model=mnist", "--version=raw");

        run.AssertExit(3);
        Assert.Contains("never validated", run.Error);
        Assert.Contains("--target=Validate --model=mnist --version=raw", run.Error);
    }

    [Fact]
    public void Should_Refuse_A_Rejected_Version_With_Exit_3()
    {
        _host.StableV1Then("v2");
        File.WriteAllText(Path.Combine(_host.WorkDirectory, "strict.json"), """{ "model": "mnist", "metrics": { "accuracy": { "goal": "higher", "atLeast": 0.99 } } }""");
        _host.Run("--target=Validate", "--model=mnist", "--version=v2", "--policy=strict.json").AssertExit(3);

        var run = _host.Run("--target=Canary", "--model=mnist", "--version=v2");

        run.AssertExit(3);
        Assert.Contains("rejected", run.Error);
    }

    [Fact]
    public void Should_Exit_2_For_A_Weight_Out_Of_Range()
    {
        var run = _host.Run("--target=Canary", "--model=mnist", "--weight=100");

        run.AssertExit(2);
        Assert.Contains("1 to 99", run.Error);
    }

    [Fact]
    public void Should_Promote_The_Canary_And_Clear_It_In_One_Change()
    {
        _host.StableV1Then("v2");
        _host.Do("Canary");

        var run = _host.Do("Promote", "--reason=canary healthy");

        Assert.Contains("promote v2 to stable (was v1); clear canary (was v2)", run.Out);
        using var registry = _host.Open();
        Assert.Equal(["stable"], registry.Labels("mnist").Select(l => l.Label));
        Assert.Equal("v2", registry.VersionAt("mnist", LabelNames.Stable)!.Name);
        Assert.Null(new FileInfo(Path.Combine(_host.Root, "mnist", "canary")).LinkTarget);
        Assert.Equal("versions/v2", new FileInfo(Path.Combine(_host.Root, "mnist", "stable")).LinkTarget);
        var promotions = registry.History(new EventQuery("mnist", Kinds: [EventKind.Promote]));
        Assert.Contains(promotions, e => e.Label == "stable" && e.FromVersion == "v1" && e.ToVersion == "v2" && e.Reason == "canary healthy");
        Assert.Contains(promotions, e => e.Label == "canary" && e.FromVersion == "v2" && e.ToVersion is null);
        Assert.DoesNotContain("canary", File.ReadAllText(Path.Combine(_host.Root, "models.config")));
    }

    [Fact]
    public void Should_Refuse_To_Promote_A_Version_Validation_Did_Not_Bless_With_Exit_3()
    {
        _host.Push("v1");
        using (var registry = _host.Open())
        {
            registry.Push(new PushRequest("mnist", _host.Artifact("raw")) { VersionName = "raw" });
        }

        var before = _host.Snapshot();
        var run = _host.Run("--target=Promote", "--model=mnist", "--version=raw");

        run.AssertExit(3);
        Assert.Contains("never validated", run.Error);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Fail_To_Promote_Without_A_Canary_Or_A_Version()
    {
        _host.Push("v1");

        var run = _host.Run("--target=Promote", "--model=mnist");

        run.AssertExit(1);
        Assert.Contains("no canary in progress", run.Error);
        Assert.Contains("--version", run.Error);
    }

    [Fact]
    public void Should_Fail_With_Exit_1_For_An_Unknown_Version()
    {
        _host.Push("v1");

        var run = _host.Run("--target=Promote", "--model=mnist", "--version=v9");

        run.AssertExit(1);
        Assert.Contains("no version 'v9'", run.Error);
        Assert.Contains("v1", run.Error);
    }

    [Fact]
    public void Should_Refuse_A_Default_Canary_When_The_Only_Other_Blessed_Version_Is_Older_Than_Stable()
    {
        _host.Push("v1");
        _host.Push("v2");
        _host.Do("Promote", "--version=v2");

        var run = _host.Run("--target=Canary", "--model=mnist");

        run.AssertExit(1);
        Assert.Contains("no blessed version newer than stable v2", run.Error);
        using var registry = _host.Open();
        Assert.Null(registry.VersionAt("mnist", LabelNames.Canary));
    }

    [Fact]
    public void Should_Not_Pick_A_Version_That_Skipped_Validation_As_The_Default_Canary()
    {
        _host.StableV1Then("v2");
        _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v3")}", "--version=v3", "--skip-validation", "--reason=hotfix").AssertExit(0);

        var run = _host.Do("Canary");

        Assert.Contains("canary v2 at 20% of traffic against stable v1", run.Out);
        using var registry = _host.Open();
        Assert.Equal("v2", registry.VersionAt("mnist", LabelNames.Canary)!.Name);
    }
}
