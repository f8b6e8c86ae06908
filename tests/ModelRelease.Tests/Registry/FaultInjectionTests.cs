using ModelRelease.Internal;
using ModelRelease.Tests.Fixtures;

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
    public async Task Should_Remove_A_Copy_A_Crashed_Push_Renamed_Into_Place_When_Its_Journal_Entry_Names_It()
    {
        // Given a version directory and numeric link the store knows nothing about (a crash between rename and commit),
        // named by the journal entry of the push's process, which is gone
        var v1 = _scenario.Push("one");
        var orphan = _scenario.Layout.VersionDirectory("mnist", "v-20261128-235959");
        Directory.CreateDirectory(orphan);
        File.WriteAllText(Path.Combine(orphan, "saved_model.pb"), "half");
        new SymlinkServingLinks().Point(_scenario.Layout.ServingPath("mnist", 20261128235959), "../versions/v-20261128-235959");
        var entry = JournalFiles.Write(_scenario.Layout, await JournalFiles.ExitedPid(), Environment.MachineName, creates: [orphan]);

        // When the next push runs
        var v2 = _scenario.Push("two");

        // Then the orphan is gone, with a warning, the entry is settled, and the real versions are intact
        Assert.False(Directory.Exists(orphan));
        Assert.False(File.Exists(entry));
        Assert.False(Path.Exists(_scenario.Layout.ServingPath("mnist", 20261128235959)));
        Assert.Equal(
            new[] { v1.Name, v2.Name },
            Directory.GetDirectories(_scenario.Layout.VersionsDirectory("mnist")).Select(Path.GetFileName).Order());
        Assert.Contains(_scenario.Warnings, w => w.Contains("v-20261128-235959", StringComparison.Ordinal) && w.Contains("journal", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("v-20261128-235959", 0)]
    [InlineData(".incoming-1-abc", 0)]
    [InlineData(".incoming-1-abc", 25)]
    public void Should_Quarantine_A_Directory_No_Version_And_No_Journal_Entry_Claims(string name, int hoursOld)
    {
        // Given a directory in versions/ that neither the store nor the journal knows (young, or a day old)
        _scenario.Push("one");
        var stranger = Path.Combine(_scenario.Layout.VersionsDirectory("mnist"), name);
        Directory.CreateDirectory(stranger);
        File.WriteAllText(Path.Combine(stranger, "notes.txt"), "someone's work");
        Directory.SetLastWriteTimeUtc(stranger, DateTime.UtcNow.AddHours(-hoursOld));

        // When the next change runs
        _scenario.Push("two");

        // Then it is moved, whole, into the quarantine and reported: never deleted
        Assert.False(Directory.Exists(stranger));
        var moved = Assert.Single(Directory.GetDirectories(_scenario.Layout.QuarantineDirectory));
        Assert.Equal("someone's work", File.ReadAllText(Path.Combine(moved, "notes.txt")));
        Assert.Contains(_scenario.Warnings, w => w.Contains(name, StringComparison.Ordinal) && w.Contains("Nothing was deleted", StringComparison.Ordinal));
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
    public async Task Should_Remove_A_Journalled_Copy_Only_When_Its_Process_Is_Gone_From_This_Host()
    {
        // Given copies whose journal entries name a process that has exited on this host, a running one, and another host's process
        _scenario.Push("one");
        using var running = System.Diagnostics.Process.Start("sleep", "60")!;
        var versions = _scenario.Layout.VersionsDirectory("mnist");
        var exited = await JournalFiles.ExitedPid();
        var dead = Directory.CreateDirectory(Path.Combine(versions, $".incoming-{exited}-{Guid.NewGuid():N}-{Environment.MachineName}")).FullName;
        var live = Directory.CreateDirectory(Path.Combine(versions, $".incoming-{running.Id}-{Guid.NewGuid():N}-{Environment.MachineName}")).FullName;
        var elsewhere = Directory.CreateDirectory(Path.Combine(versions, $".incoming-{exited}-{Guid.NewGuid():N}-another-host")).FullName;
        JournalFiles.Write(_scenario.Layout, exited, Environment.MachineName, creates: [dead]);
        JournalFiles.Write(_scenario.Layout, running.Id, Environment.MachineName, creates: [live], processStart: running.StartTime.ToUniversalTime().Ticks);
        JournalFiles.Write(_scenario.Layout, exited, "another-host", creates: [elsewhere]);

        // When the next change runs
        _scenario.Push("two");

        // Then only the dead process's copy goes: a live one may still be copying, another host's cannot be checked
        Assert.False(Directory.Exists(dead));
        Assert.True(Directory.Exists(live));
        Assert.True(Directory.Exists(elsewhere));
        Assert.False(Directory.Exists(_scenario.Layout.QuarantineDirectory));
        running.Kill();
    }
}
