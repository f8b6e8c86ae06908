namespace ModelRelease.Tests.Registry;

/// <summary>PlanPrune: what a prune would do, read from a real store without changing or creating anything.</summary>
public sealed class PrunePlanTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public void Should_Plan_Without_Writing_Anything()
    {
        // Given four versions with stable on the oldest
        var versions = Enumerable.Range(1, 4).Select(i => _scenario.Push($"seed-{i}")).ToList();
        using var registry = _scenario.Open();
        registry.SetLabel("mnist", LabelNames.Stable, versions[0].Name);
        var before = _scenario.Snapshot();

        // When a prune keeping two is planned
        var plan = registry.PlanPrune("mnist", 2);

        // Then it keeps the newest two and stable, removes the other one, and nothing on disk or in the store changed
        Assert.Equal(
            [(versions[3].Name, "newest 2"), (versions[2].Name, "newest 2"), (versions[0].Name, "stable")],
            plan.Kept.Select(k => (k.Version.Name, string.Join(", ", k.Reasons))));
        Assert.Equal([versions[1].Name], plan.Removed.Select(v => v.Name));
        Assert.Equal(versions[1].TotalBytes, plan.BytesReclaimed);
        Assert.Equal(before, _scenario.Snapshot());
    }

    [Fact]
    public void Should_Not_Create_A_Missing_Store_When_Planning()
    {
        using var registry = _scenario.Open();

        var error = Assert.Throws<RegistryException>(() => registry.PlanPrune("mnist", 5));

        Assert.Equal("Model 'mnist' has no versions, and the registry is empty. Push one first, or point --registry at the right store.", error.Message);
        Assert.False(Directory.Exists(_scenario.Root), "planning must not create the serving root or the store");
    }

    [Fact]
    public void Should_Name_The_Known_Models_When_The_Model_Is_Unknown()
    {
        _scenario.Push("one", model: "mnist");
        _scenario.Push("two", model: "fraud");
        using var registry = _scenario.Open();
        var before = _scenario.Snapshot();

        var error = Assert.Throws<RegistryException>(() => registry.PlanPrune("mnsit", 5));

        Assert.Equal("Model 'mnsit' is not in this registry. Models in this registry: fraud, mnist. Check --model.", error.Message);
        Assert.Equal(before, _scenario.Snapshot());
    }

    [Fact]
    public void Should_Refuse_A_Negative_Keep_With_What_Would_Be_Right()
    {
        _scenario.Push("one");
        using var registry = _scenario.Open();

        var error = Assert.Throws<RegistryException>(() => registry.PlanPrune("mnist", -1));

        Assert.Contains("--keep is -1", error.Message);
        Assert.Contains("0 or more", error.Message);
    }

    [Fact]
    public void Should_Protect_The_Previous_Stable_From_The_Log_After_Promotions_And_A_Rollback()
    {
        // Given v1..v5; promote v1, promote v4, roll back to v1: previous stable is v4 (rolled away from), not v2 or v3
        var v = Enumerable.Range(1, 5).Select(i => _scenario.Push($"seed-{i}")).ToList();
        using var registry = _scenario.Open();
        registry.SetLabel("mnist", LabelNames.Stable, v[0].Name, new LabelChange(Kind: EventKind.Promote));
        registry.SetLabel("mnist", LabelNames.Stable, v[3].Name, new LabelChange(Kind: EventKind.Promote));
        registry.SetLabel("mnist", LabelNames.Stable, v[0].Name, new LabelChange("p99 regression", Kind: EventKind.Rollback));

        var plan = registry.PlanPrune("mnist", 0);

        Assert.Equal([(v[3].Name, "previous stable"), (v[0].Name, "stable")], plan.Kept.Select(k => (k.Version.Name, string.Join(", ", k.Reasons))));
        Assert.Equal([v[1].Name, v[2].Name, v[4].Name], plan.Removed.Select(r => r.Name));
    }
}
