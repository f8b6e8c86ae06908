using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>
/// Copies of a root, lost markers and stores that describe another root: refused by every task, and settled only by
/// an explicit Adopt that deletes nothing and refuses a store that does not describe the root.
/// </summary>
public sealed class AdoptTaskTests : IDisposable
{
    private readonly ReleaseHost _host = new();

    public AdoptTaskTests() => _host.StableV1Then("v2");

    public void Dispose() => _host.Dispose();

    private string Copy => Path.Combine(_host.WorkDirectory, "copy_root");

    [Fact]
    public void Should_Refuse_A_Copy_Of_A_Root_With_Either_Store_Until_Adopt_Gives_It_An_Id_Of_Its_Own()
    {
        // Given a byte-for-byte copy of the root (cp -a), store and marker included
        CopyRoot(_host.Root, Copy);
        var before = _host.Snapshot();
        var copyBefore = ReleaseHost.SnapshotOf(Copy);

        // When tasks pair the copy with the original's store, or with its own copied store
        var withOriginal = _host.Run("--target=Label", "--model=mnist", "--label=golden", "--version=v2", $"--root={Copy}", $"--registry={_host.StorePath}");
        var withOwn = _host.Run("--target=Label", "--model=mnist", "--label=golden", "--version=v2", $"--root={Copy}");

        // Then both are refused as another directory with the same id, and neither root changed
        withOriginal.AssertExit(1);
        withOwn.AssertExit(1);
        Assert.Contains("another directory with the same root id", RootSafetyTests.Flat(withOriginal.Error));
        Assert.Contains("another directory with the same root id", RootSafetyTests.Flat(withOwn.Error));
        Assert.Equal(before, _host.Snapshot());
        Assert.Equal(copyBefore, ReleaseHost.SnapshotOf(Copy));

        // And when Adopt makes the copy a root of its own with its copied store
        var adopted = _host.Run("--target=Adopt", $"--root={Copy}");
        adopted.AssertExit(0);
        Assert.Contains("new id", RootSafetyTests.Flat(adopted.Out));

        // Then each root works with its own store, and the crossed pairs are still refused
        _host.Run("--target=Label", "--model=mnist", "--label=golden", "--version=v2", $"--root={Copy}").AssertExit(0);
        _host.Run("--target=Label", "--model=mnist", "--label=golden", "--version=v1").AssertExit(0);
        _host.Run("--target=Verify", $"--root={Copy}", $"--registry={_host.StorePath}").AssertExit(1);
        _host.Run("--target=Verify", $"--registry={Path.Combine(Copy, "registry.db")}").AssertExit(1);
        Assert.NotEqual(File.ReadAllText(Path.Combine(_host.Root, ".modelrelease", "root.json")), File.ReadAllText(Path.Combine(Copy, ".modelrelease", "root.json")));
    }

    [Fact]
    public void Should_Not_Let_A_Copy_Take_The_Store_Of_An_Original_That_Is_Still_There()
    {
        CopyRoot(_host.Root, Copy);
        var before = _host.Snapshot();

        var run = _host.Run("--target=Adopt", $"--root={Copy}", $"--registry={_host.StorePath}");

        run.AssertExit(1);
        Assert.Contains("is still there", RootSafetyTests.Flat(run.Error));
        Assert.Equal(before, _host.Snapshot());
        _host.Run("--target=Verify").AssertExit(0);
    }

    [Fact]
    public void Should_Refuse_A_Store_Older_Than_The_Root_And_Going_Back_To_It()
    {
        // Given a backup of the store taken before v3 was pushed and put on canary
        var backup = Path.Combine(_host.WorkDirectory, "backup.db");
        File.Copy(_host.StorePath, backup);
        _host.Push("v3");
        _host.Do("Canary", "--version=v3");
        var before = _host.Snapshot();

        // When a task runs with the backup, and when Adopt is asked to go back to it
        var stale = _host.Run("--target=Label", "--model=mnist", "--label=golden", "--version=v1", $"--registry={backup}");
        var back = _host.Run("--target=Adopt", $"--registry={backup}");

        // Then both are refused, the canary's files and links are untouched, and the current store still verifies
        stale.AssertExit(1);
        Assert.Contains("is older than the serving root", RootSafetyTests.Flat(stale.Error));
        back.AssertExit(1);
        Assert.Contains("does not know", RootSafetyTests.Flat(back.Error));
        Assert.Equal(before, _host.Snapshot());
        _host.Run("--target=Verify").AssertExit(0);
    }

    [Fact]
    public void Should_Accept_The_Same_Root_Reached_Through_A_Link_Or_A_Trailing_Slash()
    {
        var link = Path.Combine(_host.WorkDirectory, "root_link");
        Directory.CreateSymbolicLink(link, _host.Root);

        _host.Run("--target=Verify", $"--root={link}").AssertExit(0);
        _host.Run("--target=Status", $"--root={_host.Root}/").AssertExit(0);
    }

    [Fact]
    public void Should_Refuse_A_Root_Bound_To_Another_Store_When_A_New_Store_Is_Given()
    {
        // Given a root made with its default store; a push names a new store for it
        var before = _host.Snapshot();

        var run = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v3")}", ReleaseHost.Metrics(0.9, 50), $"--registry={Path.Combine(_host.WorkDirectory, "second.db")}");

        run.AssertExit(1);
        Assert.Contains("bound to another store", RootSafetyTests.Flat(run.Error));
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Rewrite_A_Lost_Or_Damaged_Marker_From_The_Store_With_Adopt()
    {
        var marker = Path.Combine(_host.Root, ".modelrelease", "root.json");
        var original = File.ReadAllText(marker);
        foreach (var damage in new Action[] { () => File.Delete(marker), () => File.WriteAllText(marker, "{garbage") })
        {
            // Given a root whose marker was lost or damaged
            damage();
            var refused = _host.Run("--target=Status");
            refused.AssertExit(1);
            Assert.Contains("Adopt", RootSafetyTests.Flat(refused.Error));

            // When Adopt is rehearsed (which changes nothing and names the move of a damaged marker), then runs
            var before = _host.Snapshot();
            var rehearsal = _host.Run("--target=Adopt", "--dryrun");
            rehearsal.AssertExit(0);
            Assert.Equal(before, _host.Snapshot());
            Assert.Equal(File.Exists(marker), RootSafetyTests.Flat(rehearsal.Out).Contains("move the damaged", StringComparison.Ordinal));
            var adopted = _host.Run("--target=Adopt");

            // Then the marker holds the store's id again, a damaged one is kept in the quarantine, and tasks work
            adopted.AssertExit(0);
            Assert.Equal(Id(original), Id(File.ReadAllText(marker)));
            _host.Run("--target=Verify").AssertExit(0);
        }

        Assert.Contains(Directory.GetFileSystemEntries(Path.Combine(_host.Root, ".modelrelease", "quarantine")), p => File.ReadAllText(p) == "{garbage");
    }

    [Fact]
    public void Should_Refuse_To_Adopt_A_Store_Whose_Live_Versions_Are_Not_In_The_Root()
    {
        // Given this root's store, unbound, offered to another directory holding other versions
        var legacy = Path.Combine(_host.WorkDirectory, "legacy.db");
        File.Copy(_host.StorePath, legacy);
        Unbind(legacy);
        var other = Path.Combine(_host.WorkDirectory, "other");
        Directory.CreateDirectory(Path.Combine(other, "fraud", "versions", "f1"));
        File.WriteAllText(Path.Combine(other, "fraud", "versions", "f1", "model.onnx"), "f1");
        var before = ReleaseHost.SnapshotOf(other);

        var run = _host.Run("--target=Adopt", $"--root={other}", $"--registry={legacy}");

        run.AssertExit(1);
        Assert.Contains("not this root's store", RootSafetyTests.Flat(run.Error));
        Assert.Equal(before, ReleaseHost.SnapshotOf(other));
    }

    [Fact]
    public void Should_Register_An_Existing_Root_In_A_New_Store_And_Detach_The_Old_One()
    {
        // Given a root with stable v1 and v2 on canary at 25 %, whose store is set aside (lost, or moving elsewhere)
        _host.Do("Canary", "--version=v2", "--weight=25");
        int Number(string name)
        {
            using var registry = _host.Open();
            return (int)(registry.Version("mnist", name).Number % 1_000_000_000);
        }

        var numbers = new[] { Number("v1"), Number("v2") };
        var old = Path.Combine(_host.WorkDirectory, "old.db");
        File.Move(_host.StorePath, old);
        var before = _host.Snapshot();

        // When a task runs with the new (empty) store, then Adopt is rehearsed and run
        var refused = _host.Run("--target=Status");
        var rehearsal = _host.Run("--target=Adopt", "--dryrun");
        Assert.Equal(before, _host.Snapshot());
        var adopted = _host.Run("--target=Adopt");

        // Then the task was refused, the rehearsal listed what it would register, and Adopt registered the versions
        // with their serving numbers and the labels with the canary's weight, deleting nothing
        refused.AssertExit(1);
        rehearsal.AssertExit(0);
        Assert.Contains("would record mnist v1 (serving number", RootSafetyTests.Flat(rehearsal.Out));
        adopted.AssertExit(0);
        using (var registry = _host.Open())
        {
            Assert.Equal(["v1", "v2"], registry.Versions("mnist").Select(v => v.Name));
            Assert.Equal(numbers, new[] { Number("v1"), Number("v2") });
            Assert.Equal("v1", registry.VersionAt("mnist", LabelNames.Stable)!.Name);
            Assert.Equal(25, registry.Labels("mnist").Single(l => l.Label == LabelNames.Canary).Weight);
            Assert.Equal(Blessing.Unvalidated, registry.Version("mnist", "v1").Blessing);
        }

        // And the audit log says how they came in, the root verifies clean, releases go on, and the old store no longer matches the root
        var history = _host.Run("--target=History", "--format=json");
        history.AssertExit(0);
        Assert.Contains("\"adopt\"", history.Out);
        _host.Run("--target=Verify").AssertExit(0);
        _host.Push("v3");
        Assert.True(Number("v3") > numbers.Max());
        _host.Run("--target=Status", $"--registry={old}").AssertExit(1);
    }

    [Fact]
    public void Should_Create_No_Store_When_Adopt_Is_Refused()
    {
        // Given another root's store, which Adopt refuses for this root
        var store = Path.Combine(_host.WorkDirectory, "other_root", "registry.db");
        _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("o1")}", ReleaseHost.Metrics(0.9, 50), "--version=o1", $"--root={Path.GetDirectoryName(store)}").AssertExit(0);
        var bytes = File.ReadAllBytes(store);

        var run = _host.Run("--target=Adopt", $"--registry={store}");

        run.AssertExit(1);
        Assert.Equal(bytes, File.ReadAllBytes(store));

        // And a refused Adopt with a store that does not exist does not create it
        var missing = Path.Combine(_host.WorkDirectory, "refused.db");
        _host.Run("--target=Adopt", "--root=/", $"--registry={missing}").AssertExit(1);
        Assert.False(File.Exists(missing));
    }

    private static string Id(string marker) => System.Text.Json.JsonDocument.Parse(marker).RootElement.GetProperty("rootId").GetString()!;

    private static void CopyRoot(string from, string to)
    {
        using var cp = Process.Start("cp", ["-a", from, to])!;
        cp.WaitForExit();
        Assert.Equal(0, cp.ExitCode);
    }

    internal static void Unbind(string store)
    {
        using var connection = new SqliteConnection($"Data Source={store};Pooling=false");
        connection.Open();
        using var command = new SqliteCommand("DELETE FROM registry_root", connection);
        command.ExecuteNonQuery();
    }
}
