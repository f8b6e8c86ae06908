namespace ModelRelease.Tests.Registry;

/// <summary>
/// A release step plans on a read and then changes labels; expectations make that a compare-and-swap, so a label
/// another job moved in between is never overwritten by a stale plan.
/// </summary>
public sealed class LabelExpectationTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public void Should_Promote_When_The_Labels_Are_Still_Where_The_Step_Saw_Them()
    {
        // Given stable on v1 and canary on v2, as the step read them
        var (v1, v2) = StableAndCanary();
        using var registry = _scenario.Open();

        // When the promotion expects exactly that
        var results = registry.ChangeLabels("mnist",
            [LabelEdit.Set(LabelNames.Stable, v2.Name, new LabelChange(Kind: EventKind.Promote)), LabelEdit.Clear(LabelNames.Canary, new LabelChange(Kind: EventKind.Promote))],
            [new LabelExpectation(LabelNames.Stable, v1.Name), new LabelExpectation(LabelNames.Canary, v2.Name)]);

        // Then it goes through
        Assert.All(results, r => Assert.True(r.Changed));
        Assert.Equal([(LabelNames.Stable, v2.Name)], registry.Labels("mnist").Select(l => (l.Label, l.Version)));
    }

    [Fact]
    public void Should_Refuse_And_Change_Nothing_When_Another_Job_Moved_The_Label_After_The_Step_Planned()
    {
        // Given a step that read stable on v1 and plans to promote the canary v2
        var (v1, v2) = StableAndCanary();
        var v3 = _scenario.Push("three");
        using var step = _scenario.Open();
        var planned = step.VersionAt("mnist", LabelNames.Stable)!.Name;
        Assert.Equal(v1.Name, planned);

        // When another job (its own registry) moves stable to v3 before the step changes anything
        using (var other = _scenario.Open())
        {
            other.SetLabel("mnist", LabelNames.Stable, v3.Name, new LabelChange("hotfix", Kind: EventKind.Promote));
        }

        var before = _scenario.Snapshot();
        var error = Assert.Throws<RegistryException>(() => step.ChangeLabels("mnist",
            [LabelEdit.Set(LabelNames.Stable, v2.Name, new LabelChange(Kind: EventKind.Promote)), LabelEdit.Clear(LabelNames.Canary, new LabelChange(Kind: EventKind.Promote))],
            [new LabelExpectation(LabelNames.Stable, planned)]));

        // Then the step is refused with what moved and what to do, and nothing changed: not a row, not a link
        Assert.Equal(
            $"stable of model 'mnist' now points at {v3.Name}, not {v1.Name} as when this step was planned: another job moved it. Run the step again to plan from the new state.",
            error.Message);
        Assert.Equal(before, _scenario.Snapshot());
        Assert.Equal(v2.Name, step.VersionAt("mnist", LabelNames.Canary)!.Name);
    }

    [Fact]
    public void Should_Set_A_Label_Expected_Unset_Only_While_It_Is_Unset()
    {
        var v1 = _scenario.Push("one");
        var v2 = _scenario.Push("two");
        using var registry = _scenario.Open();

        // When golden is expected unset and is: it is set
        var first = registry.ChangeLabels("mnist", [LabelEdit.Set(LabelNames.Golden, v1.Name)], [new LabelExpectation(LabelNames.Golden, null)]);
        Assert.True(first[0].Changed);

        // When golden is expected unset but is now set: refused, golden stays
        var before = _scenario.Snapshot();
        var error = Assert.Throws<RegistryException>(() =>
            registry.ChangeLabels("mnist", [LabelEdit.Set(LabelNames.Golden, v2.Name)], [new LabelExpectation(LabelNames.Golden, null)]));
        Assert.Contains($"golden of model 'mnist' now points at {v1.Name}, not unset", error.Message);
        Assert.Equal(before, _scenario.Snapshot());
    }

    [Fact]
    public void Should_Refuse_When_A_Label_Expected_Set_Was_Cleared()
    {
        var (_, v2) = StableAndCanary();
        using var registry = _scenario.Open();
        registry.ClearLabel("mnist", LabelNames.Canary, "aborted", EventKind.Rollback);
        var before = _scenario.Snapshot();

        var error = Assert.Throws<RegistryException>(() =>
            registry.ChangeLabels("mnist", [LabelEdit.Set(LabelNames.Stable, v2.Name)], [new LabelExpectation(LabelNames.Canary, v2.Name)]));

        Assert.Contains($"canary of model 'mnist' is now unset, not {v2.Name}", error.Message);
        Assert.Equal(before, _scenario.Snapshot());
    }

    [Fact]
    public void Should_Refuse_A_Stale_Expectation_Even_When_The_Edits_Would_Change_Nothing()
    {
        // A no-op edit normally returns without touching the store; a stale plan is still worth saying so
        var (v1, v2) = StableAndCanary();
        using var registry = _scenario.Open();

        var error = Assert.Throws<RegistryException>(() =>
            registry.ChangeLabels("mnist", [LabelEdit.Set(LabelNames.Stable, v1.Name)], [new LabelExpectation(LabelNames.Stable, v2.Name)]));

        Assert.Contains("another job moved it", error.Message);
    }

    [Fact]
    public async Task Should_Check_Expectations_Again_Under_The_Lock()
    {
        // Given another job holding the write lock, about to move stable from v1 to v3
        var (v1, v2) = StableAndCanary();
        var v3 = _scenario.Push("three");
        using var store = new SqliteMetadataStore(_scenario.RegistryPath);
        var other = store.Write();
        other.SetLabel("mnist", LabelNames.Stable, v3.Name, null, _scenario.Clock.GetUtcNow());

        // When the step (which reads stable on v1: the move is not committed) waits for the lock, and the move commits
        var step = Task.Run(() =>
        {
            using var registry = _scenario.Open();
            return registry.ChangeLabels("mnist", [LabelEdit.Set(LabelNames.Stable, v2.Name)], [new LabelExpectation(LabelNames.Stable, v1.Name)]);
        });
        await Task.Delay(1000);
        other.Commit();
        other.Dispose();

        // Then the step is refused on what the writer sees, not on what it read before waiting
        var error = await Assert.ThrowsAsync<RegistryException>(() => step.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains($"now points at {v3.Name}, not {v1.Name}", error.Message);
        using var check = _scenario.Open();
        Assert.Equal(v3.Name, check.VersionAt("mnist", LabelNames.Stable)!.Name);
        Assert.DoesNotContain(check.History(new EventQuery("mnist", LabelNames.Stable)), e => e.ToVersion == v2.Name);
    }

    [Fact]
    public void Should_Refuse_Two_Expectations_For_One_Label()
    {
        var (v1, v2) = StableAndCanary();
        using var registry = _scenario.Open();

        var error = Assert.Throws<RegistryException>(() => registry.ChangeLabels("mnist",
            [LabelEdit.Set(LabelNames.Golden, v1.Name)],
            [new LabelExpectation(LabelNames.Stable, v1.Name), new LabelExpectation(LabelNames.Stable, v2.Name)]));

        Assert.Contains("one expectation per label", error.Message);
        Assert.Null(registry.VersionAt("mnist", LabelNames.Golden));
    }

    private (ModelVersion V1, ModelVersion V2) StableAndCanary()
    {
        var v1 = _scenario.Push("one");
        var v2 = _scenario.Push("two");
        using var setup = _scenario.Open();
        setup.SetLabel("mnist", LabelNames.Stable, v1.Name, new LabelChange(Kind: EventKind.Promote));
        setup.SetLabel("mnist", LabelNames.Canary, v2.Name, new LabelChange(Weight: 10));
        return (v1, v2);
    }
}
