namespace ModelRelease.Tests.Registry;

/// <summary>
/// Real processes sharing one root and one store (a SQLite file, or a PostgreSQL database: one subclass each):
/// several pushing at once, and one killed with SIGKILL in the middle of a change, after which the store still says
/// the old state, Verify reports what the dead step left, and its repair (settling the step from its journal entry)
/// makes the files agree.
/// </summary>
public abstract class ProcessKillTests(StoreKind kind) : IDisposable
{
    private readonly RegistryScenario _scenario = new(kind);

    public void Dispose()
    {
        _scenario.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Should_Give_Processes_Pushing_At_Once_Distinct_Names_And_Numbers()
    {
        // Given a registry that exists, and four different artifacts
        _scenario.Push("seed");
        var artifacts = Enumerable.Range(0, 4).Select(i => _scenario.Artifact($"proc-{i}")).ToList();

        // When four processes push at once
        var probes = artifacts.Select(a => _scenario.Probe("push", _scenario.Root, "mnist", a)).ToList();
        var results = await Task.WhenAll(probes.Select(p => p.ExitAsync()));
        probes.ForEach(p => p.Dispose());

        // Then every one succeeded with its own name and number, and store and root agree
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Stderr));
        var printed = results.Select(r => r.Stdout.Trim().Split(' ')).ToList();
        Assert.Equal(4, printed.Select(p => p[0]).Distinct().Count());
        Assert.Equal(4, printed.Select(p => p[1]).Distinct().Count());
        using var registry = _scenario.Open();
        var versions = registry.Versions("mnist");
        Assert.Equal(5, versions.Count);
        Assert.Equal(versions.Select(v => v.Name).Order(), Directory.GetDirectories(_scenario.Layout.VersionsDirectory("mnist")).Select(Path.GetFileName).Order());
        Assert.Equal(versions.Select(v => v.Number).Order(), versions.Select(v => v.Number));
    }

    [Theory]
    [InlineData("after-copy")]
    [InlineData("after-rename")]
    [InlineData("before-sync")]
    [InlineData("before-commit")]
    public async Task Should_Keep_The_Old_State_When_A_Push_Is_Killed_At(string point)
    {
        // Given stable on v1
        var v1 = _scenario.Push("one");
        using (var setup = _scenario.Open())
        {
            setup.SetLabel("mnist", LabelNames.Stable, v1.Name);
        }

        var before = _scenario.Snapshot();
        var ready = _scenario.Temp.Combine("ready");

        // When a push is killed at the point
        using (var probe = _scenario.Probe("push", _scenario.Root, "mnist", _scenario.Artifact("two"), point, ready))
        {
            await probe.WaitUntilHangingAsync(ready);
            await probe.KillAsync();
        }

        // Then the store never saw the version, and stable is untouched
        using var registry = _scenario.Open();
        Assert.Equal([v1.Name], registry.Versions("mnist").Select(v => v.Name));
        Assert.Equal($"versions/{v1.Name}", _scenario.LinkTarget(_scenario.Layout.LabelPath("mnist", LabelNames.Stable)));

        // And the next change (Sync) removes what the dead push left, back to exactly the old state
        VerifyFindsAndRepairs(registry);
        Assert.Equal(before, _scenario.Snapshot());
    }

    [Theory]
    [InlineData("before-sync")]
    [InlineData("before-commit")]
    public async Task Should_Keep_The_Old_Label_When_A_Move_Is_Killed_At(string point)
    {
        // Given stable on v1 and a v2
        var v1 = _scenario.Push("one");
        var v2 = _scenario.Push("two");
        using (var setup = _scenario.Open())
        {
            setup.SetLabel("mnist", LabelNames.Stable, v1.Name);
        }

        var before = _scenario.Snapshot();
        var ready = _scenario.Temp.Combine("ready");

        // When a move of stable to v2 is killed after the link swapped but before the commit
        using (var probe = _scenario.Probe("label", _scenario.Root, "mnist", LabelNames.Stable, v2.Name, point, ready))
        {
            await probe.WaitUntilHangingAsync(ready);

            // (while it hangs before its commit the link already says v2, but readers of the store still see the committed v1)
            Assert.Equal($"versions/{(point == "before-commit" ? v2.Name : v1.Name)}", _scenario.LinkTarget(_scenario.Layout.LabelPath("mnist", LabelNames.Stable)));
            using var reader = _scenario.Open();
            Assert.Equal(v1.Name, reader.VersionAt("mnist", LabelNames.Stable)!.Name);
            await probe.KillAsync();
        }

        // Then the store still says v1, and the next change puts the link back and takes the lock without waiting for the dead process
        using var registry = _scenario.Open();
        Assert.Equal(v1.Name, registry.VersionAt("mnist", LabelNames.Stable)!.Name);
        Assert.Equal(0, registry.History(new EventQuery("mnist", LabelNames.Stable)).Count(e => e.ToVersion == v2.Name));
        VerifyFindsAndRepairs(registry, leftBehind: point == "before-commit");
        Assert.Equal($"versions/{v1.Name}", _scenario.LinkTarget(_scenario.Layout.LabelPath("mnist", LabelNames.Stable)));
        Assert.Equal(before, _scenario.Snapshot());
    }

    [Theory]
    [InlineData("before-sync")]
    [InlineData("before-commit")]
    public async Task Should_Keep_The_Old_State_When_A_Prune_Is_Killed_At(string point)
    {
        // Given five versions, stable on the oldest
        var v = PushFiveWithStableOnTheOldest();
        var before = _scenario.Snapshot();
        var ready = _scenario.Temp.Combine("ready");

        // When a prune keeping one is killed after its sync unlinked the versions but before its commit
        using (var probe = _scenario.Probe("prune", _scenario.Root, "mnist", "1", point, ready))
        {
            await probe.WaitUntilHangingAsync(ready);

            // (while it hangs the copies are still there: the sync spares them until the commit)
            Assert.All(v, x => Assert.True(Directory.Exists(_scenario.Layout.VersionDirectory("mnist", x.Name)), x.Name));
            await probe.KillAsync();
        }

        // Then no version is pruned, and the next change puts the links back: exactly the old state
        using var registry = _scenario.Open();
        Assert.DoesNotContain(registry.Versions("mnist"), x => x.IsPruned);
        VerifyFindsAndRepairs(registry);
        Assert.Equal(before, _scenario.Snapshot());
    }

    [Theory]
    [InlineData("prune-after-commit")]
    [InlineData("prune-before-delete")]
    public async Task Should_Finish_A_Prune_Killed_After_Its_Commit_On_The_Next_Change(string point)
    {
        var v = PushFiveWithStableOnTheOldest();
        var ready = _scenario.Temp.Combine("ready");

        // When a prune keeping one is killed after the commit, before its files are deleted
        using (var probe = _scenario.Probe("prune", _scenario.Root, "mnist", "1", point, ready))
        {
            await probe.WaitUntilHangingAsync(ready);
            await probe.KillAsync();
        }

        // Then the store says pruned, the live versions have all their files, and the dead prune's files are still around
        using var registry = _scenario.Open();
        Assert.Equal([v[1].Name, v[2].Name, v[3].Name], registry.Versions("mnist").Where(x => x.IsPruned).Select(x => x.Name));
        Assert.All([v[0], v[4]], live => Assert.True(File.Exists(Path.Combine(_scenario.Layout.VersionDirectory("mnist", live.Name), "saved_model.pb")), live.Name));
        Assert.Equal(5, Directory.GetFileSystemEntries(_scenario.Layout.VersionsDirectory("mnist")).Length);

        // And the next change deletes them (by name, or as hidden copies of a process that is gone): the pruned state
        VerifyFindsAndRepairs(registry);
        Assert.Empty(_scenario.Disagreements("mnist"));
        Assert.Equal([v[0].Name, v[4].Name], Directory.GetFileSystemEntries(_scenario.Layout.VersionsDirectory("mnist")).Select(Path.GetFileName).Order());
    }

    /// <summary>
    /// What a killed step left is a Verify finding until Verify's repair settles it from the journal; after the repair
    /// Verify is clean (every live version re-hashed against its manifest), and nothing is left in the quarantine.
    /// </summary>
    private void VerifyFindsAndRepairs(ModelRegistry registry, bool leftBehind = true)
    {
        var found = registry.Verify();
        Assert.True(found.IsClean != leftBehind, leftBehind ? "Verify should report what the killed step left behind" : "nothing was touched before the kill, so Verify should be clean");
        Assert.All(found.Findings, f => Assert.True(f.Repairable, $"{f.Kind} {f.Path}: {f.Problem}"));
        registry.Repair();
        var after = registry.Verify();
        Assert.True(after.IsClean, string.Join(Environment.NewLine, after.Findings.Select(f => $"{f.Kind} {f.Path}: {f.Problem}")));
        Assert.False(Directory.Exists(_scenario.Layout.QuarantineDirectory), "a killed step's leftovers are ModelRelease's, proven by the journal: deleted, not quarantined");
    }

    private List<ModelVersion> PushFiveWithStableOnTheOldest()
    {
        var v = Enumerable.Range(1, 5).Select(i => _scenario.Push($"seed-{i}")).ToList();
        using var setup = _scenario.Open();
        setup.SetLabel("mnist", LabelNames.Stable, v[0].Name);
        return v;
    }
}
