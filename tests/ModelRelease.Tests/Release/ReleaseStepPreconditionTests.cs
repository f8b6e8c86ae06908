using ModelRelease.Tests.Registry;

namespace ModelRelease.Tests.Release;

/// <summary>
/// A release step is applied with every label it read while planning as a precondition, not only the labels it
/// edits: a step whose decision rested on golden or on "no canary in progress" must not go through after another
/// job changed that.
/// </summary>
public sealed class ReleaseStepPreconditionTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private ModelVersion PushBlessed(string seed)
    {
        using var registry = _scenario.Open();
        var version = registry.Push(_scenario.Request(seed) with { VersionName = seed, Blessing = Blessing.Blessed }).Version;
        _scenario.Clock.Advance(TimeSpan.FromMinutes(1));
        return version;
    }

    /// <summary>v1, v2 and v3 pushed and blessed, with <paramref name="labels"/> set; a registry as the planning job opens it.</summary>
    private ModelRegistry ThreeBlessedVersions(params (string Label, string Version)[] labels)
    {
        PushBlessed("v1");
        PushBlessed("v2");
        PushBlessed("v3");
        var registry = _scenario.Open();
        foreach (var (label, version) in labels)
        {
            registry.SetLabel("mnist", label, version);
        }

        return registry;
    }

    [Fact]
    public void Should_Refuse_A_Rollback_To_Golden_When_Another_Job_Moved_Golden_After_It_Was_Planned()
    {
        // Given stable on v3, golden on v1, and a rollback to golden planned on that read
        using var registry = ThreeBlessedVersions((LabelNames.Stable, "v3"), (LabelNames.Golden, "v1"));
        var release = new ReleaseManager(registry);
        var step = release.PlanRollback("mnist", LabelNames.Golden, "incident");

        // When another job moves golden to v2 (v1 turned out bad) before the rollback is applied
        using (var other = _scenario.Open())
        {
            other.SetLabel("mnist", LabelNames.Golden, "v2", new LabelChange("v1 is broken"));
        }

        // Then the stale rollback is refused instead of sending stable to the version golden no longer names
        var error = Assert.Throws<RegistryException>(() => release.Apply(step));
        Assert.Contains("golden of model 'mnist' now points at v2, not v1", error.Message);
        Assert.Equal("v3", registry.VersionAt("mnist", LabelNames.Stable)!.Name);
    }

    [Fact]
    public void Should_Refuse_A_Promotion_Planned_Without_A_Canary_When_Another_Job_Started_One()
    {
        // Given stable on v1, no canary, and a promotion of v2 planned on that read
        using var registry = ThreeBlessedVersions((LabelNames.Stable, "v1"));
        var release = new ReleaseManager(registry);
        var step = release.PlanPromote("mnist", "v2");

        // When another job starts a canary of v3 against stable v1 before the promotion is applied
        using (var other = _scenario.Open())
        {
            other.SetLabel("mnist", LabelNames.Canary, "v3", new LabelChange(Weight: 10));
        }

        // Then the promotion is refused: it would leave v3's canary running against a stable it was never compared with
        var error = Assert.Throws<RegistryException>(() => release.Apply(step));
        Assert.Contains("canary of model 'mnist' now points at v3, not unset", error.Message);
        Assert.Equal("v1", registry.VersionAt("mnist", LabelNames.Stable)!.Name);
    }

    [Fact]
    public void Should_Apply_Two_Label_Sets_Planned_On_The_Same_Read_One_After_The_Other()
    {
        // Given golden on v1, and two jobs that each planned to set golden while it was there
        using var registry = ThreeBlessedVersions((LabelNames.Golden, "v1"));
        var release = new ReleaseManager(registry);
        var first = release.PlanLabel("mnist", LabelNames.Golden, "v2");
        var second = release.PlanLabel("mnist", LabelNames.Golden, "v3");
        registry.SetLabel("mnist", LabelNames.Stable, "v1");

        // When both apply (stable moved meanwhile too)
        release.Apply(first);
        release.Apply(second);

        // Then a set does not depend on where the label was, so both go through and the log keeps each real move
        Assert.Equal("v3", registry.VersionAt("mnist", LabelNames.Golden)!.Name);
        Assert.Equal([("v1", "v2"), ("v2", "v3")], registry.LabelHistory("mnist", LabelNames.Golden).Skip(1).Select(e => (e.FromVersion!, e.ToVersion!)));
        Assert.Empty(first.Expectations);
    }

    [Fact]
    public void Should_Refuse_A_Canary_When_Stable_Moved_After_It_Was_Planned()
    {
        // Given stable on v1 and a canary of v3 planned against it
        using var registry = ThreeBlessedVersions((LabelNames.Stable, "v1"));
        var release = new ReleaseManager(registry);
        var step = release.PlanCanary("mnist", "v3", 10);

        // When another job promotes v2 first
        using (var other = _scenario.Open())
        {
            other.SetLabel("mnist", LabelNames.Stable, "v2");
        }

        // Then the canary, planned as a comparison with v1, is refused
        var error = Assert.Throws<RegistryException>(() => release.Apply(step));
        Assert.Contains("stable of model 'mnist' now points at v2, not v1", error.Message);
        Assert.Null(registry.VersionAt("mnist", LabelNames.Canary));
    }

    [Fact]
    public void Should_Refuse_A_Promotion_When_Another_Job_Moved_Stable_After_It_Was_Planned()
    {
        // Given stable on v1, no canary, and a promotion of v2 planned on that read
        using var registry = ThreeBlessedVersions((LabelNames.Stable, "v1"));
        var release = new ReleaseManager(registry);
        var step = release.PlanPromote("mnist", "v2");

        // When another job promotes v3 first
        using (var other = _scenario.Open())
        {
            other.SetLabel("mnist", LabelNames.Stable, "v3");
        }

        // Then the stale promotion is refused instead of silently undoing the other job's release
        var error = Assert.Throws<RegistryException>(() => release.Apply(step));
        Assert.Contains("stable of model 'mnist' now points at v3, not v1", error.Message);
        Assert.Equal("v3", registry.VersionAt("mnist", LabelNames.Stable)!.Name);
    }
}
