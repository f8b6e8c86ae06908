using ModelRelease.Internal;

namespace ModelRelease.Tests.Registry;

/// <summary>
/// A change that fails at any point leaves the old state: the fault hook throws exactly there. A crash that never
/// reaches the clean-up is simulated by leaving behind what the crash would, then checking the next change repairs it.
/// </summary>
public sealed class FaultInjectionTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Theory]
    [InlineData("after-copy")]
    [InlineData("after-rename")]
    [InlineData("before-sync")]
    [InlineData("before-commit")]
    public void Should_Leave_The_Old_State_When_A_Push_Fails_At(string point)
    {
        // Given a root with one version on stable
        var v1 = _scenario.Push("one");
        using (var setup = _scenario.Open())
        {
            setup.SetLabel("mnist", LabelNames.Stable, v1.Name);
        }

        var before = _scenario.Snapshot();

        // When the next push fails at the given point
        using var registry = _scenario.Open(fault: at => { if (at == point) { throw new IOException($"disk gone at {at}"); } });
        var error = Assert.Throws<IOException>(() => registry.Push(_scenario.Request("two")));

        // Then the failure surfaces and nothing changed: no copy, no link, no row, no temp directory
        Assert.Equal($"disk gone at {point}", error.Message);
        Assert.Equal(before, _scenario.Snapshot());
    }

    [Theory]
    [InlineData("before-sync")]
    [InlineData("before-commit")]
    public void Should_Leave_The_Old_Label_When_A_Move_Fails_At(string point)
    {
        var v1 = _scenario.Push("one");
        var v2 = _scenario.Push("two");
        using (var setup = _scenario.Open())
        {
            setup.SetLabel("mnist", LabelNames.Stable, v1.Name);
        }

        var before = _scenario.Snapshot();
        using var registry = _scenario.Open(fault: at => { if (at == point) { throw new IOException("power cut"); } });

        Assert.Throws<IOException>(() => registry.SetLabel("mnist", LabelNames.Stable, v2.Name));

        Assert.Equal(before, _scenario.Snapshot());
        Assert.Equal($"versions/{v1.Name}", _scenario.LinkTarget(_scenario.Layout.LabelPath("mnist", LabelNames.Stable)));
    }

    [Theory]
    [InlineData("before-sync")]
    [InlineData("before-commit")]
    public void Should_Leave_The_Old_State_When_A_Prune_Fails_Before_Its_Commit(string point)
    {
        // Given five versions with stable on the oldest
        var v = Enumerable.Range(1, 5).Select(i => _scenario.Push($"seed-{i}")).ToList();
        using (var setup = _scenario.Open())
        {
            setup.SetLabel("mnist", LabelNames.Stable, v[0].Name);
        }

        var before = _scenario.Snapshot();

        // When a prune keeping one fails at the point (its sync has already unlinked the versions at before-commit)
        using var registry = _scenario.Open(fault: at => { if (at == point) { throw new IOException("power cut"); } });
        Assert.Throws<IOException>(() => registry.Prune("mnist", 1));

        // Then every copy, link, row and event is as it was: the sync spared the copies until a commit that never came
        Assert.Equal(before, _scenario.Snapshot());
        Assert.Empty(_scenario.Disagreements("mnist"));
    }

    [Theory]
    [InlineData("prune-after-commit")]
    [InlineData("prune-before-delete")]
    public void Should_Reach_The_Pruned_State_When_A_Prune_Fails_After_Its_Commit(string point)
    {
        var v = Enumerable.Range(1, 5).Select(i => _scenario.Push($"seed-{i}")).ToList();
        using (var setup = _scenario.Open())
        {
            setup.SetLabel("mnist", LabelNames.Stable, v[0].Name);
        }

        using var registry = _scenario.Open(fault: at => { if (at == point) { throw new IOException("power cut"); } });
        Assert.Throws<IOException>(() => registry.Prune("mnist", 1));

        // Then the store already says pruned, and no live version lost a file
        Assert.Equal([v[1].Name, v[2].Name, v[3].Name], registry.Versions("mnist").Where(x => x.IsPruned).Select(x => x.Name));
        Assert.All([v[0], v[4]], live => Assert.True(File.Exists(Path.Combine(_scenario.Layout.VersionDirectory("mnist", live.Name), "saved_model.pb")), live.Name));

        // And the next change finishes the prune: copies and links of pruned versions gone, nothing hidden left
        registry.Sync();
        Assert.Empty(_scenario.Disagreements("mnist"));
        Assert.Equal([v[0].Name, v[4].Name], Directory.GetFileSystemEntries(_scenario.Layout.VersionsDirectory("mnist")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Should_Repair_What_A_Crash_During_A_Label_Move_Left_Behind()
    {
        // Given stable on v1 in the store, but the link already swapped to v2 (the process died before committing)
        var v1 = _scenario.Push("one");
        var v2 = _scenario.Push("two");
        using var registry = _scenario.Open();
        registry.SetLabel("mnist", LabelNames.Stable, v1.Name);
        new SymlinkServingLinks().Point(_scenario.Layout.LabelPath("mnist", LabelNames.Stable), $"versions/{v2.Name}");
        File.WriteAllText(_scenario.Layout.ModelsConfigPath, "half written");

        // When the next change (here a plain Sync) runs
        registry.Sync();

        // Then the link and the configs are back to what the store says
        Assert.Equal($"versions/{v1.Name}", _scenario.LinkTarget(_scenario.Layout.LabelPath("mnist", LabelNames.Stable)));
        Assert.Contains($"value: {v1.Number}", File.ReadAllText(_scenario.Layout.ModelsConfigPath));
    }

    [Fact]
    public void Should_Remove_A_Copy_A_Crashed_Push_Renamed_Into_Place_But_Never_Recorded()
    {
        // Given a version directory and numeric link the store knows nothing about (a crash between rename and commit)
        var v1 = _scenario.Push("one");
        var orphan = _scenario.Layout.VersionDirectory("mnist", "v-20261128-235959");
        Directory.CreateDirectory(orphan);
        File.WriteAllText(Path.Combine(orphan, "saved_model.pb"), "half");
        new SymlinkServingLinks().Point(_scenario.Layout.ServingPath("mnist", 20261128235959), "../versions/v-20261128-235959");

        // When the next push runs
        var v2 = _scenario.Push("two");

        // Then the orphan is gone, with a warning, and the real versions are intact
        Assert.False(Directory.Exists(orphan));
        Assert.False(Path.Exists(_scenario.Layout.ServingPath("mnist", 20261128235959)));
        Assert.Equal(
            new[] { v1.Name, v2.Name },
            Directory.GetDirectories(_scenario.Layout.VersionsDirectory("mnist")).Select(Path.GetFileName).Order());
        Assert.Contains(_scenario.Warnings, w => w.Contains("v-20261128-235959", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_Leave_A_Young_Temporary_Copy_Alone_Because_Another_Push_May_Be_Writing_It()
    {
        _scenario.Push("one");
        var incoming = Path.Combine(_scenario.Layout.VersionsDirectory("mnist"), ".incoming-1-abc");
        Directory.CreateDirectory(incoming);

        _scenario.Push("two");

        Assert.True(Directory.Exists(incoming));
    }

    [Fact]
    public void Should_Remove_A_Temporary_Copy_A_Push_Abandoned_A_Day_Ago()
    {
        _scenario.Push("one");
        var abandoned = Path.Combine(_scenario.Layout.VersionsDirectory("mnist"), ".incoming-1-abc");
        Directory.CreateDirectory(abandoned);
        File.WriteAllText(Path.Combine(abandoned, "saved_model.pb"), "half");
        Directory.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddHours(-25));

        _scenario.Push("two");

        Assert.False(Directory.Exists(abandoned));
        Assert.Contains(_scenario.Warnings, w => w.Contains(".incoming-1-abc", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_Sweep_Temporary_Links_And_Configs_A_Killed_Writer_Left()
    {
        // Given the half-made entries a writer killed mid-swap leaves: a temp label link, a temp numeric link, a temp config
        var v1 = _scenario.Push("one");
        var leftovers = new[]
        {
            Path.Combine(_scenario.Layout.ModelDirectory("mnist"), ".stable.tmp-4242-0123456789ab"),
            Path.Combine(_scenario.Layout.ServingDirectory("mnist"), $".{v1.Number}.tmp-4242-0123456789ab"),
        };
        foreach (var link in leftovers)
        {
            File.CreateSymbolicLink(link, $"versions/{v1.Name}");
        }

        var config = Path.Combine(_scenario.Root, ".models.config.tmp-4242-0123456789ab");
        File.WriteAllText(config, "model_config_list {");
        var unrelated = Path.Combine(_scenario.Root, ".keep-me");
        File.WriteAllText(unrelated, "not ours");

        // When the next change runs
        _scenario.Push("two");

        // Then they are gone, and a dotfile that is not ours stays
        Assert.All(leftovers.Append(config), path => Assert.False(Path.Exists(path) || new FileInfo(path).LinkTarget is not null, path));
        Assert.True(File.Exists(unrelated));
    }

    [Fact]
    public async Task Should_Remove_A_Copy_At_Once_When_The_Process_Making_It_Is_Gone_From_This_Host()
    {
        // Given copies named for a process that has exited on this host, and for this (running) process
        _scenario.Push("one");
        using var exited = System.Diagnostics.Process.Start("true")!;
        await exited.WaitForExitAsync();
        var versions = _scenario.Layout.VersionsDirectory("mnist");
        var dead = Directory.CreateDirectory(Path.Combine(versions, $".incoming-{exited.Id}-{Guid.NewGuid():N}-{Environment.MachineName}")).FullName;
        var live = Directory.CreateDirectory(Path.Combine(versions, $".incoming-{Environment.ProcessId}-{Guid.NewGuid():N}-{Environment.MachineName}")).FullName;
        var elsewhere = Directory.CreateDirectory(Path.Combine(versions, $".incoming-{exited.Id}-{Guid.NewGuid():N}-another-host")).FullName;

        // When the next change runs
        _scenario.Push("two");

        // Then only the dead process's copy goes: a live one may still be copying, another host's cannot be checked
        Assert.False(Directory.Exists(dead));
        Assert.True(Directory.Exists(live));
        Assert.True(Directory.Exists(elsewhere));
    }
}
