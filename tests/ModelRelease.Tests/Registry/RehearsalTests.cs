
namespace ModelRelease.Tests.Registry;

/// <summary>
/// A rehearsing registry reads the store with the planned steps laid over it, and writes nothing: the steps of a dry
/// run see what the steps before them would leave.
/// </summary>
public sealed class RehearsalTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public void Should_Show_A_Planned_Push_And_Label_Moves_To_Later_Reads_And_Write_Nothing()
    {
        // Given v1 stable
        var v1 = _scenario.Push("one", name: "v1");
        using (var setup = _scenario.Open())
        {
            setup.SetLabel("mnist", LabelNames.Stable, v1.Name);
        }

        var before = _scenario.Snapshot();
        using var registry = _scenario.Open();
        var release = new ReleaseManager(registry);
        var rehearsal = registry.Rehearse();

        // When a push of v2, a canary and a promotion are planned into the rehearsal
        var request = _scenario.Request("two") with { VersionName = "v2", Blessing = Blessing.Blessed };
        var planned = rehearsal.Push(release.PlanPush(request), request);
        rehearsal.Apply(release.PlanCanary("mnist", null, 10));
        var promote = release.PlanPromote("mnist", null);
        rehearsal.Apply(promote);

        // Then each plan saw the one before it, every read sees the result, and nothing was written
        Assert.Equal("v2", planned.Name);
        Assert.True(planned.Id < 0);
        Assert.Equal("promote v2 to stable (was v1); clear canary (was v2)", promote.Summary);
        Assert.Equal("v2", registry.VersionAt("mnist", LabelNames.Stable)?.Name);
        Assert.Null(registry.VersionAt("mnist", LabelNames.Canary));
        Assert.Equal(["v1", "v2"], registry.Versions("mnist").Select(v => v.Name));
        Assert.Equal("v1", registry.PreviousStable("mnist")?.Name);
        Assert.Equal(before, _scenario.Snapshot());
        using var other = _scenario.Open();
        Assert.Equal("v1", other.VersionAt("mnist", LabelNames.Stable)?.Name);
        Assert.Single(other.Versions("mnist"));
    }

    [Fact]
    public void Should_Refuse_A_Real_Change_On_A_Rehearsing_Registry()
    {
        var v1 = _scenario.Push("one", name: "v1");
        var before = _scenario.Snapshot();
        using var registry = _scenario.Open();
        registry.Rehearse();

        Assert.Throws<InvalidOperationException>(() => registry.SetLabel("mnist", LabelNames.Stable, v1.Name));
        Assert.Throws<InvalidOperationException>(() => registry.Push(_scenario.Request("two")));
        Assert.Throws<InvalidOperationException>(() => registry.Prune("mnist", 0));
        Assert.Throws<InvalidOperationException>(() => registry.Sync());
        Assert.Equal(before, _scenario.Snapshot());
    }

    [Fact]
    public void Should_See_A_Planned_Prune_And_A_Planned_Blessing()
    {
        var v1 = _scenario.Push("one", name: "v1");
        _scenario.Push("two", name: "v2");
        using var registry = _scenario.Open();
        var rehearsal = registry.Rehearse();

        rehearsal.Prune(registry.PlanPrune("mnist", 1));
        rehearsal.Validate("mnist", "v2", Blessing.Rejected, "accuracy too low");

        Assert.True(registry.Version("mnist", v1.Name).IsPruned);
        Assert.Equal(Blessing.Rejected, registry.Version("mnist", "v2").Blessing);
        Assert.Equal("accuracy too low", registry.Version("mnist", "v2").BlessingReason);
    }

    [Fact]
    public void Should_Plan_The_Name_And_Number_The_Push_Then_Takes_When_Every_Version_Is_Pruned()
    {
        // Given two versions, both pruned: their names and numbers stay taken
        _scenario.Push("one");
        var two = _scenario.Push("two");
        using (var setup = _scenario.Open())
        {
            setup.Prune("mnist", 0, "history");
        }

        // When, on a clock ten minutes behind them, a push named by hand is planned and then made
        _scenario.Clock.Advance(TimeSpan.FromMinutes(-10));
        var request = _scenario.Request("three") with { VersionName = "v3" };
        PushPlan plan;
        using (var planning = _scenario.Open())
        {
            plan = new ReleaseManager(planning).PlanPush(request);
        }

        using var registry = _scenario.Open();
        var pushed = registry.Push(request).Version;

        // Then the plan numbered it as the push did, past the pruned ones
        Assert.Null(plan.Existing);
        Assert.True(plan.Number > two.Number);
        Assert.Equal(pushed.Name, plan.Name);
        Assert.Equal(pushed.Number, plan.Number);
    }
}
