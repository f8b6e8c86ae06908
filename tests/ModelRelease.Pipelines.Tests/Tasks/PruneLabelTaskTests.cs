using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

public abstract class PruneLabelTaskTests : IDisposable
{
    private readonly ReleaseHost _host;

    protected PruneLabelTaskTests(StoreKind kind) => _host = new ReleaseHost(kind);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Should_Never_Prune_A_Protected_Version()
    {
        foreach (var name in new[] { "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8" })
        {
            _host.Push(name);
        }

        _host.Do("Promote", "--version=v2");
        _host.Do("Promote", "--version=v3");           // previous stable: v2
        _host.Do("Canary", "--version=v5");
        _host.Do("Label", "--label=golden", "--version=v1");
        _host.Do("Label", "--label=champion", "--version=v4");

        var run = _host.Do("Prune", "--keep=1", "--reason=disk");

        using var registry = _host.Open();
        var live = registry.Versions("mnist").Where(v => !v.IsPruned).Select(v => v.Name).ToList();
        Assert.Equal(["v1", "v2", "v3", "v4", "v5", "v8"], live);
        Assert.Equal(["v6", "v7"], registry.Versions("mnist").Where(v => v.IsPruned).Select(v => v.Name));
        Assert.False(Directory.Exists(Path.Combine(_host.Root, "mnist", "versions", "v6")));
        Assert.True(Directory.Exists(Path.Combine(_host.Root, "mnist", "versions", "v1")));
        Assert.Contains("previous stable", run.Out);
        Assert.Contains("champion", run.Out);
        Assert.Contains("Removed 2 versions (v6, v7), reclaiming", run.Out);
        Assert.Equal(2, registry.History(new EventQuery("mnist", Kinds: [EventKind.Prune])).Count);
    }

    [Fact]
    public void Should_Keep_What_The_Policy_Says_When_No_Keep_Is_Given()
    {
        foreach (var name in new[] { "v1", "v2", "v3", "v4", "v5" })
        {
            _host.Push(name);
        }

        _host.Do("Prune");

        using var registry = _host.Open();
        Assert.Equal(["v3", "v4", "v5"], registry.Versions("mnist").Where(v => !v.IsPruned).Select(v => v.Name));
    }

    [Fact]
    public void Should_Say_So_When_There_Is_Nothing_To_Prune()
    {
        _host.Push("v1");

        var run = _host.Do("Prune", "--keep=5");

        Assert.Contains("Nothing to prune", run.Out);
    }

    [Fact]
    public void Should_Fail_With_Exit_1_For_An_Unknown_Model_And_Exit_2_For_A_Negative_Keep()
    {
        _host.Push("v1");
        var before = _host.Snapshot();

        var unknown = _host.Run("--target=Prune", "--model=imagenet", "--keep=1");
        var negative = _host.Run("--target=Prune", "--model=mnist", "--keep=-1");

        unknown.AssertExit(1);
        Assert.Contains("mnist", unknown.Error);
        negative.AssertExit(2);
        Assert.Contains("--keep", negative.Error);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Fail_With_Exit_1_When_Labelling_An_Unknown_Or_Pruned_Version()
    {
        _host.Push("v1");
        _host.Push("v2");
        _host.Do("Prune", "--keep=1");

        var unknown = _host.Run("--target=Label", "--model=mnist", "--label=golden", "--version=v9");
        var pruned = _host.Run("--target=Label", "--model=mnist", "--label=golden", "--version=v1");

        unknown.AssertExit(1);
        Assert.Contains("no version 'v9'", unknown.Error);
        pruned.AssertExit(1);
        Assert.Contains("pruned", pruned.Error);
    }

    [Fact]
    public void Should_Set_And_Clear_Golden()
    {
        _host.Push("v1");

        _host.Do("Label", "--label=golden", "--version=v1");
        Assert.Equal("versions/v1", new FileInfo(Path.Combine(_host.Root, "mnist", "golden")).LinkTarget);

        _host.Do("Label", "--label=golden", "--clear", "--reason=retired");
        Assert.Null(new FileInfo(Path.Combine(_host.Root, "mnist", "golden")).LinkTarget);
        using var registry = _host.Open();
        Assert.Contains(registry.History(new EventQuery("mnist", LabelNames.Golden)), e => e.Kind == EventKind.LabelClear && e.Reason == "retired");
    }

    [Fact]
    public void Should_Refuse_Moving_Stable_Or_Canary_With_Label()
    {
        _host.Push("v1");

        var run = _host.Run("--target=Label", "--model=mnist", "--label=stable", "--version=v1");

        run.AssertExit(1);
        Assert.Contains("Promote or Rollback", run.Error);
    }

    [Fact]
    public void Should_Exit_2_When_Label_Is_Given_Neither_Or_Both_Of_Version_And_Clear()
    {
        var neither = _host.Run("--target=Label", "--model=mnist", "--label=golden");
        var both = _host.Run("--target=Label", "--model=mnist", "--label=golden", "--version=v1", "--clear");
        var noLabel = _host.Run("--target=Label", "--model=mnist", "--version=v1");

        neither.AssertExit(2);
        both.AssertExit(2);
        noLabel.AssertExit(2);
        Assert.Contains("--label", noLabel.Error);
    }

    [Fact]
    public void Should_Refuse_Clearing_Canary_With_Label()
    {
        _host.StableV1Then("v2");
        _host.Do("Canary", "--version=v2");

        var run = _host.Run("--target=Label", "--model=mnist", "--label=canary", "--clear");

        run.AssertExit(1);
        Assert.Contains("Canary, Promote or Rollback", run.Error);
        using var registry = _host.Open();
        Assert.Equal("v2", registry.VersionAt("mnist", LabelNames.Canary)!.Name);
    }
}
