using ModelRelease.Tests.Registry;

namespace ModelRelease.Tests.Release;

/// <summary>
/// A release step reads only the model's live versions, its labels' versions and the version it names: a model with
/// years of pruned history costs what the step changes. A pruned or unknown version named by a step is still refused
/// with what the step would have said had it read every version.
/// </summary>
public sealed class ReleaseStatePrunedVersionTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    /// <summary>v1 … v<paramref name="count"/> pushed and blessed; stable on the newest; all but the newest <paramref name="keep"/> pruned.</summary>
    private ModelRegistry VersionsWithHistory(int count, int keep)
    {
        using (var registry = _scenario.Open())
        {
            for (var i = 1; i <= count; i++)
            {
                registry.Push(_scenario.Request($"v{i}") with { VersionName = $"v{i}", Blessing = Blessing.Blessed });
                _scenario.Clock.Advance(TimeSpan.FromMinutes(1));
            }

            registry.SetLabel("mnist", LabelNames.Stable, $"v{count}");
            registry.Prune("mnist", keep, "history");
        }

        return _scenario.Open();
    }

    [Fact]
    public void Should_Refuse_A_Rollback_To_A_Pruned_Version_Saying_It_Was_Pruned_And_Naming_The_Live_Ones()
    {
        using var registry = VersionsWithHistory(count: 6, keep: 2);

        var error = Assert.Throws<RegistryException>(() => new ReleaseManager(registry).PlanRollback("mnist", "v2", "incident"));

        Assert.StartsWith("Version 'v2' of model 'mnist' was pruned on ", error.Message);
        Assert.EndsWith("its files are gone, so stable cannot roll back to it. Pick a live version: v6, v5.", error.Message);
    }

    [Theory]
    [InlineData("promote")]
    [InlineData("canary")]
    [InlineData("label")]
    public void Should_Refuse_A_Pruned_Version_For_Every_Step_That_Names_One(string step)
    {
        using var registry = VersionsWithHistory(count: 4, keep: 1);
        var release = new ReleaseManager(registry);

        var error = Assert.Throws<RegistryException>(() => _ = step switch
        {
            "promote" => release.PlanPromote("mnist", "v1"),
            "canary" => release.PlanCanary("mnist", "v1", 10),
            _ => release.PlanLabel("mnist", LabelNames.Golden, "v1"),
        });

        Assert.Contains("Version 'v1' of model 'mnist' was pruned on ", error.Message);
        Assert.Contains("Pick a live version: v4.", error.Message);
    }

    [Fact]
    public void Should_List_The_Newest_Ten_Versions_Pruned_Ones_Included_For_A_Version_That_Does_Not_Exist()
    {
        using var registry = VersionsWithHistory(count: 12, keep: 1);

        var error = Assert.Throws<RegistryException>(() => new ReleaseManager(registry).PlanPromote("mnist", "v99"));

        Assert.Equal("Model 'mnist' has no version 'v99'. Known versions, newest first: v12, v11, v10, v9, v8, v7, v6, v5, v4, v3, ….", error.Message);
    }

    [Fact]
    public void Should_Roll_Back_To_A_Live_Version_Of_A_Model_With_Pruned_History()
    {
        using var registry = VersionsWithHistory(count: 5, keep: 2);
        var release = new ReleaseManager(registry);

        release.Apply(release.PlanRollback("mnist", "v4", "incident"));

        Assert.Equal("v4", registry.VersionAt("mnist", LabelNames.Stable)!.Name);
    }

    [Fact]
    public void Should_Still_Call_A_Model_With_Only_Pruned_Versions_A_Model_Not_An_Empty_One()
    {
        // Given a model whose every version is pruned (stable cleared, keep 0)
        using (var registry = VersionsWithHistory(count: 2, keep: 2))
        {
            registry.ClearLabel("mnist", LabelNames.Stable);
            registry.Prune("mnist", 0, "retire");
        }

        using var reopened = _scenario.Open();

        // When a step names one of them, it is refused as pruned, not as a model with no versions
        var error = Assert.Throws<RegistryException>(() => new ReleaseManager(reopened).PlanPromote("mnist", "v1"));
        Assert.Contains("was pruned on", error.Message);
    }
}
