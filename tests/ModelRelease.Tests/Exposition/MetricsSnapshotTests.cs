using ModelRelease.Tests.Registry;

namespace ModelRelease.Tests.Exposition;

public sealed class MetricsSnapshotTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public void Should_Read_Live_Versions_Labels_With_Weights_And_The_Last_Rollback()
    {
        // Given v1..v3 of mnist, v1 pruned, stable on v2 after a rollback, canary v3 at 15 %, golden on v2, and a second model
        var v1 = _scenario.Push("one", name: "v1");
        var v2 = _scenario.Push("two", name: "v2");
        var v3 = _scenario.Push("three", name: "v3");
        _scenario.Push("other", model: "fraud", name: "f1");
        DateTimeOffset rolledBackAt;
        using (var registry = _scenario.Open())
        {
            registry.SetLabel("mnist", LabelNames.Stable, v3.Name, new LabelChange(Kind: EventKind.Promote));
            rolledBackAt = _scenario.Clock.GetUtcNow();
            registry.SetLabel("mnist", LabelNames.Stable, v2.Name, new LabelChange("bad latency", Kind: EventKind.Rollback));
            _scenario.Clock.Advance(TimeSpan.FromMinutes(1));
            registry.SetLabel("mnist", LabelNames.Canary, v3.Name, new LabelChange(Weight: 15));
            registry.SetLabel("mnist", LabelNames.Golden, v2.Name);
            registry.Prune("mnist", keep: 0);
        }

        // When
        using var reader = _scenario.Open();
        var snapshot = reader.MetricsSnapshot();

        // Then
        Assert.Equal(["fraud", "mnist"], snapshot.Models.Select(m => m.Model));
        var mnist = snapshot.Models[1];
        Assert.Equal(["v2", "v3"], mnist.Versions.Select(v => v.Version));
        Assert.DoesNotContain(mnist.Versions, v => v.Version == v1.Name);
        Assert.Equal(RegistryScenario.CleanGit.Commit, mnist.Versions[0].GitCommit);
        Assert.Equal("ds-1", mnist.Versions[0].DatasetVersion);
        Assert.Equal(0.9, mnist.Versions[0].Metrics["accuracy"]);
        Assert.Equal(
            [new LabelMetricsRow("canary", "v3", 15), new LabelMetricsRow("golden", "v2", 0), new LabelMetricsRow("stable", "v2", 85)],
            mnist.Labels);
        Assert.Equal(rolledBackAt, mnist.LastRollbackAt);
        var fraud = snapshot.Models[0];
        Assert.Null(fraud.LastRollbackAt);
        Assert.Empty(fraud.Labels);
    }

    [Fact]
    public void Should_Give_Stable_All_Traffic_Without_A_Canary_And_Filter_By_Model()
    {
        var v1 = _scenario.Push("one");
        _scenario.Push("other", model: "fraud");
        using var registry = _scenario.Open();
        registry.SetLabel("mnist", LabelNames.Stable, v1.Name);

        var snapshot = registry.MetricsSnapshot("mnist");

        var model = Assert.Single(snapshot.Models);
        Assert.Equal([new LabelMetricsRow("stable", v1.Name, 100)], model.Labels);
    }

    [Fact]
    public void Should_Refuse_An_Unknown_Model_Listing_The_Known_Ones_And_Create_Nothing_For_An_Empty_Root()
    {
        using (var empty = _scenario.Open())
        {
            var none = Assert.Throws<RegistryException>(() => empty.MetricsSnapshot("mnist"));
            Assert.Contains("is empty", none.Message);
            Assert.Empty(empty.MetricsSnapshot().Models);
        }

        Assert.False(Directory.Exists(_scenario.Root));
        _scenario.Push("one");
        using var registry = _scenario.Open();
        var error = Assert.Throws<RegistryException>(() => registry.MetricsSnapshot("imagenet"));
        Assert.Contains("Models: mnist", error.Message);
    }
}
