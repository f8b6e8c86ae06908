using System.Text.Json;

namespace ModelRelease.Tests.Registry;

/// <summary>Prune on a real root and store: what goes, what never goes, and what stays of a pruned version.</summary>
public sealed class PruneTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public void Should_Delete_Files_And_Links_Of_Removed_Versions_And_Keep_Their_Metadata_And_Audit()
    {
        // Given five versions, stable on the oldest and canary on the newest
        var v = PushFive();
        using var registry = _scenario.Open();
        registry.SetLabel("mnist", LabelNames.Stable, v[0].Name);
        registry.SetLabel("mnist", LabelNames.Canary, v[4].Name, new LabelChange(Weight: 10));
        var at = _scenario.Clock.GetUtcNow();

        // When pruning keeps two
        var plan = registry.Prune("mnist", 2, "disk at 90 %");

        // Then v2 and v3 went (oldest first) and the bytes add up
        Assert.Equal([v[1].Name, v[2].Name], plan.Removed.Select(r => r.Name));
        Assert.Equal(v[1].TotalBytes + v[2].TotalBytes, plan.BytesReclaimed);
        Assert.True(plan.BytesReclaimed > 0);
        Assert.Equal(
            [(v[4].Name, "canary, newest 2"), (v[3].Name, "newest 2"), (v[0].Name, "stable")],
            plan.Kept.Select(k => (k.Version.Name, string.Join(", ", k.Reasons))));

        // And their copies, numeric links and config entries are gone, with nothing hidden left behind
        foreach (var removed in plan.Removed)
        {
            Assert.False(Path.Exists(_scenario.Layout.VersionDirectory("mnist", removed.Name)), removed.Name);
            Assert.Null(_scenario.LinkTarget(_scenario.Layout.ServingPath("mnist", removed.Number)));
            Assert.DoesNotContain(removed.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(_scenario.Layout.ModelsConfigPath));
        }

        Assert.Empty(_scenario.Disagreements("mnist"));
        Assert.Equal("graph one", File.ReadAllText(Path.Combine(_scenario.Layout.LabelPath("mnist", LabelNames.Stable), "saved_model.pb")));

        // And their metadata stays, marked pruned when it happened, with one Prune event each
        Assert.All(plan.Removed, r => Assert.Equal(at, registry.Version("mnist", r.Name).PrunedAt));
        Assert.All(plan.Removed, r => Assert.Equal(at, r.PrunedAt));
        Assert.All(plan.Kept, k => Assert.False(registry.Version("mnist", k.Version.Name).IsPruned));
        var events = registry.History(new EventQuery("mnist", Kinds: [EventKind.Prune]));
        Assert.Equal([(v[1].Name, "disk at 90 %"), (v[2].Name, "disk at 90 %")], events.Select(e => (e.ToVersion!, e.Reason!)));
        using var evidence = JsonDocument.Parse(events[0].Evidence!);
        Assert.Equal(v[1].TotalBytes, evidence.RootElement.GetProperty("bytes").GetInt64());
        Assert.Contains("not among the newest 2", evidence.RootElement.GetProperty("why").GetString());
    }

    [Fact]
    public void Should_Never_Remove_A_Labelled_Version_Or_The_Previous_Stable()
    {
        // Given seven versions: stable promoted v1 → v5, rolled back to v1 (so previous stable is v5), canary v2,
        // golden v3, a custom label on v4
        var v = Enumerable.Range(1, 7).Select(i => _scenario.Push($"seed-{i}")).ToList();
        using var registry = _scenario.Open();
        registry.SetLabel("mnist", LabelNames.Stable, v[0].Name, new LabelChange(Kind: EventKind.Promote));
        registry.SetLabel("mnist", LabelNames.Stable, v[4].Name, new LabelChange(Kind: EventKind.Promote));
        registry.SetLabel("mnist", LabelNames.Stable, v[0].Name, new LabelChange("regression", Kind: EventKind.Rollback));
        registry.SetLabel("mnist", LabelNames.Canary, v[1].Name, new LabelChange(Weight: 5));
        registry.SetLabel("mnist", LabelNames.Golden, v[2].Name);
        registry.SetLabel("mnist", "shadow-eu", v[3].Name);

        // When pruning keeps none beyond the protected ones
        var plan = registry.Prune("mnist", 0);

        // Then only the two unprotected versions went, and every label still serves its files
        Assert.Equal([v[5].Name, v[6].Name], plan.Removed.Select(r => r.Name));
        Assert.Equal(
            [(v[4].Name, "previous stable"), (v[3].Name, "shadow-eu"), (v[2].Name, "golden"), (v[1].Name, "canary"), (v[0].Name, "stable")],
            plan.Kept.Select(k => (k.Version.Name, string.Join(", ", k.Reasons))));
        foreach (var label in registry.Labels("mnist"))
        {
            Assert.True(File.Exists(Path.Combine(_scenario.Layout.LabelPath("mnist", label.Label), "saved_model.pb")), label.Label);
        }

        Assert.True(Directory.Exists(_scenario.Layout.VersionDirectory("mnist", v[4].Name)));
        Assert.Empty(_scenario.Disagreements("mnist"));
    }

    [Fact]
    public void Should_Remove_Every_Unprotected_Version_When_Keep_Is_Zero()
    {
        var v = PushFive();
        using var registry = _scenario.Open();
        registry.SetLabel("mnist", LabelNames.Golden, v[2].Name);

        var plan = registry.Prune("mnist", 0);

        Assert.Equal([v[0].Name, v[1].Name, v[3].Name, v[4].Name], plan.Removed.Select(r => r.Name));
        Assert.Equal([v[2].Name], Directory.GetDirectories(_scenario.Layout.VersionsDirectory("mnist")).Select(Path.GetFileName));
        Assert.Empty(_scenario.Disagreements("mnist"));
    }

    [Fact]
    public void Should_Write_Nothing_When_Pruning_Again()
    {
        PushFive();
        using var registry = _scenario.Open();
        Assert.Equal(3, registry.Prune("mnist", 2).Removed.Count);
        var before = _scenario.Snapshot();

        var again = registry.Prune("mnist", 2);

        // The second prune finds nothing to remove: no event, no row, no file touched; pruned ones are in neither list
        Assert.Empty(again.Removed);
        Assert.Equal(0, again.BytesReclaimed);
        Assert.Equal(2, again.Kept.Count);
        Assert.Equal(before, _scenario.Snapshot());
        Assert.Equal(3, registry.History(new EventQuery("mnist", Kinds: [EventKind.Prune])).Count);
    }

    [Fact]
    public void Should_Refuse_To_Label_A_Pruned_Version()
    {
        var v = PushFive();
        using var registry = _scenario.Open();
        registry.Prune("mnist", 2);
        var before = _scenario.Snapshot();

        var error = Assert.Throws<RegistryException>(() => registry.SetLabel("mnist", LabelNames.Stable, v[0].Name));

        Assert.Contains("was pruned", error.Message);
        Assert.Contains(v[4].Name, error.Message);
        Assert.Equal(before, _scenario.Snapshot());
    }

    [Fact]
    public void Should_Leave_Other_Models_Alone()
    {
        PushFive();
        var fraud = Enumerable.Range(1, 3).Select(i => _scenario.Push($"fraud-{i}", model: "fraud")).ToList();
        using var registry = _scenario.Open();

        registry.Prune("mnist", 1);

        Assert.All(fraud, f => Assert.False(registry.Version("fraud", f.Name).IsPruned));
        Assert.Equal(fraud.Select(f => f.Name).Order(), Directory.GetDirectories(_scenario.Layout.VersionsDirectory("fraud")).Select(Path.GetFileName).Order());
        Assert.Empty(_scenario.Disagreements("fraud"));
    }

    [Fact]
    public async Task Should_Plan_Again_Under_The_Lock_So_A_Label_Set_Meanwhile_Protects_Its_Version()
    {
        // Given another job holding the write lock while it sets golden on v1, which a read would plan to remove
        var v = PushFive();
        using var store = new SqliteMetadataStore(_scenario.RegistryPath);
        var other = store.Write();
        other.SetLabel("mnist", LabelNames.Golden, v[0].Name, null, _scenario.Clock.GetUtcNow());

        // When a prune reads (v1 unlabelled), waits for the lock, and the label commits
        var prune = Task.Run(() =>
        {
            using var registry = _scenario.Open();
            return registry.Prune("mnist", 2);
        });
        await Task.Delay(1000);
        other.Commit();
        other.Dispose();
        var plan = await prune.WaitAsync(TimeSpan.FromSeconds(60));

        // Then v1 is kept for golden, with its files
        Assert.Equal([v[1].Name, v[2].Name], plan.Removed.Select(r => r.Name));
        Assert.Contains(plan.Kept, k => k.Version.Name == v[0].Name && k.Reasons.SequenceEqual([LabelNames.Golden]));
        Assert.True(File.Exists(Path.Combine(_scenario.Layout.LabelPath("mnist", LabelNames.Golden), "saved_model.pb")));
        Assert.Empty(_scenario.Disagreements("mnist"));
    }

    [Fact]
    public void Should_Leave_A_Running_Prunes_Hidden_Copies_To_It_Even_When_The_Versions_Are_Old()
    {
        // Given versions pushed two days ago (by their directories' times, which is what abandoned copies are judged by)
        var v = PushFive();
        foreach (var version in v)
        {
            Directory.SetLastWriteTimeUtc(_scenario.Layout.VersionDirectory("mnist", version.Name), DateTime.UtcNow.AddDays(-2));
        }

        // When another job's change runs while the prune has moved its copies aside but not yet deleted them
        string[] hiddenDuringOtherChange = [];
        using var registry = _scenario.Open(fault: at =>
        {
            if (at == "prune-before-delete")
            {
                using var other = _scenario.Open();
                other.Sync();
                hiddenDuringOtherChange = Directory.GetDirectories(_scenario.Layout.VersionsDirectory("mnist"), ".incoming-*");
            }
        });
        registry.Prune("mnist", 2);

        // Then the other job left them to the live prune (no two processes deleting one tree), which then deleted them
        Assert.Equal(3, hiddenDuringOtherChange.Length);
        Assert.DoesNotContain(_scenario.Warnings, w => w.Contains(".incoming-", StringComparison.Ordinal));
        Assert.Empty(_scenario.Disagreements("mnist"));
    }

    [Fact]
    public void Should_Link_A_Task_Run_To_The_Versions_It_Pruned()
    {
        var v = PushFive();
        using var registry = _scenario.Open();
        using (var run = registry.StartExecution("Prune", "mnist", new Dictionary<string, string?> { ["keep"] = "4" }))
        {
            registry.Prune("mnist", 4);
            run.Complete(ExecutionOutcome.Succeeded);
        }

        var prune = registry.Executions("mnist").Single(e => e.Task == "Prune");
        Assert.Equal([new ExecutionLink("mnist", v[0].Name, ExecutionRole.Output)], prune.Links);
    }

    private List<ModelVersion> PushFive() => Enumerable.Range(1, 5).Select(i => _scenario.Push(i switch { 1 => "one", _ => $"seed-{i}" })).ToList();
}
