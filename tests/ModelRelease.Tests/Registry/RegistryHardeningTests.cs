using Dapper;
using Microsoft.Data.Sqlite;
using ModelRelease.Tests.Probe;

namespace ModelRelease.Tests.Registry;

/// <summary>Crashes across models, races with prune and failure, root-name collisions and foreign stores.</summary>
public sealed class RegistryHardeningTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public async Task Should_Remove_What_A_Killed_First_Push_Of_A_New_Model_Left_When_Syncing()
    {
        // Given a registry with mnist
        var v1 = _scenario.Push("one");
        using (var setup = _scenario.Open())
        {
            setup.SetLabel("mnist", LabelNames.Stable, v1.Name);
        }

        var ready = _scenario.Temp.Combine("ready");

        // When the first push of a new model "fraud" is SIGKILLed before its commit
        using (var probe = ProbeProcess.Start("push", _scenario.Root, "fraud", _scenario.Artifact("two"), "before-commit", ready))
        {
            await probe.WaitUntilHangingAsync(ready);
            await probe.KillAsync();
        }

        // Then the store never saw it, and Sync ("repair all of them") removes the copy and the numeric link
        using var registry = _scenario.Open();
        Assert.Empty(registry.Versions("fraud"));
        registry.Sync();
        var versions = _scenario.Layout.VersionsDirectory("fraud");
        var serving = _scenario.Layout.ServingDirectory("fraud");
        Assert.Empty(Directory.Exists(versions) ? Directory.GetFileSystemEntries(versions) : []);
        Assert.Empty(Directory.Exists(serving) ? Directory.GetFileSystemEntries(serving) : []);
    }

    [Fact]
    public async Task Should_Repair_A_Killed_Label_Move_When_The_Next_Change_Is_On_Another_Model()
    {
        var v1 = _scenario.Push("one");
        var v2 = _scenario.Push("two");
        using (var setup = _scenario.Open())
        {
            setup.SetLabel("mnist", LabelNames.Stable, v1.Name);
        }

        var ready = _scenario.Temp.Combine("ready");
        using (var probe = ProbeProcess.Start("label", _scenario.Root, "mnist", LabelNames.Stable, v2.Name, "before-commit", ready))
        {
            await probe.WaitUntilHangingAsync(ready);
            await probe.KillAsync();
        }

        // When the next change is a push of another model
        _scenario.Push("three", model: "fraud");

        // Then store, models.config and the stable link all say v1
        using var registry = _scenario.Open();
        Assert.Equal(v1.Name, registry.VersionAt("mnist", LabelNames.Stable)!.Name);
        Assert.Contains($"value: {v1.Number}", File.ReadAllText(_scenario.Layout.ModelsConfigPath));
        Assert.Equal($"versions/{v1.Name}", _scenario.LinkTarget(_scenario.Layout.LabelPath("mnist", LabelNames.Stable)));
    }

    [Fact]
    public async Task Should_Remove_What_A_Killed_First_Push_Of_A_New_Model_Left_When_Another_Model_Changes()
    {
        // Given a registry with mnist
        var v1 = _scenario.Push("one");
        var v2 = _scenario.Push("two");
        var ready = _scenario.Temp.Combine("ready");

        // When the first push of a new model "fraud" is SIGKILLed before its commit
        using (var probe = ProbeProcess.Start("push", _scenario.Root, "fraud", _scenario.Artifact("three"), "before-commit", ready))
        {
            await probe.WaitUntilHangingAsync(ready);
            await probe.KillAsync();
        }

        // And the next change is a label move of mnist, which syncs mnist and what the journal names
        using var registry = _scenario.Open();
        registry.SetLabel("mnist", LabelNames.Stable, v2.Name);

        // Then nothing of fraud is left, not even its empty directories, and Verify is clean
        Assert.False(Directory.Exists(_scenario.Layout.ModelDirectory("fraud")), "the killed push's directories are ModelRelease's, proven by its journal entry");
        Assert.Equal($"versions/{v2.Name}", _scenario.LinkTarget(_scenario.Layout.LabelPath("mnist", LabelNames.Stable)));
        var verify = registry.Verify();
        Assert.True(verify.IsClean, string.Join(Environment.NewLine, verify.Findings.Select(f => $"{f.Kind} {f.Path}: {f.Problem}")));
        Assert.Equal(v1.Name, registry.Versions("mnist")[0].Name);
    }

    [Fact]
    public async Task Should_Repair_A_Killed_Label_Move_When_The_Next_Change_Moves_Another_Models_Label()
    {
        // Given two models, each with a stable version and a second one
        var v1 = _scenario.Push("one");
        var v2 = _scenario.Push("two");
        var f1 = _scenario.Push("three", model: "fraud");
        var f2 = _scenario.Push("four", model: "fraud");
        using (var setup = _scenario.Open())
        {
            setup.SetLabel("mnist", LabelNames.Stable, v1.Name);
            setup.SetLabel("fraud", LabelNames.Stable, f1.Name);
        }

        // When a label move of mnist is SIGKILLed after its links moved and before its commit
        var ready = _scenario.Temp.Combine("ready");
        using (var probe = ProbeProcess.Start("label", _scenario.Root, "mnist", LabelNames.Stable, v2.Name, "before-commit", ready))
        {
            await probe.WaitUntilHangingAsync(ready);
            await probe.KillAsync();
        }

        Assert.Equal($"versions/{v2.Name}", _scenario.LinkTarget(_scenario.Layout.LabelPath("mnist", LabelNames.Stable)));

        // And the next change is a label move of fraud, which syncs only fraud's own directories
        using var registry = _scenario.Open();
        registry.SetLabel("fraud", LabelNames.Stable, f2.Name);

        // Then the sync journal entry the killed move left made that change re-sync mnist too: Verify is clean as it is
        Assert.Equal($"versions/{v1.Name}", _scenario.LinkTarget(_scenario.Layout.LabelPath("mnist", LabelNames.Stable)));
        Assert.Empty(_scenario.Disagreements("mnist"));
        Assert.Empty(_scenario.Disagreements("fraud"));
        var verify = registry.Verify();
        Assert.True(verify.IsClean, string.Join(Environment.NewLine, verify.Findings.Select(f => $"{f.Kind} {f.Path}: {f.Problem}")));
        Assert.Empty(Directory.Exists(_scenario.Layout.JournalDirectory) ? Directory.GetFiles(_scenario.Layout.JournalDirectory) : []);
    }

    [Theory]
    [InlineData("after-copy")]
    [InlineData("after-rename")]
    [InlineData("before-sync")]
    [InlineData("before-commit")]
    public void Should_Leave_Only_An_Empty_Store_When_A_First_Push_Fails_At(string point)
    {
        using var registry = _scenario.Open(fault: at => { if (at == point) { throw new IOException($"disk gone at {at}"); } });

        Assert.Throws<IOException>(() => registry.Push(_scenario.Request("one")));

        // Then no copy, link, config or directory is left; only the store file the attempt opened, which reads as empty
        var left = Directory.Exists(_scenario.Root)
            ? Directory.GetFileSystemEntries(_scenario.Root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(_scenario.Root, p)).Order().ToList()
            : [];
        Assert.All(left, entry => Assert.StartsWith("registry.db", entry, StringComparison.Ordinal));
        Assert.Empty(registry.Models());
    }

    [Theory]
    [InlineData("models.config")]
    [InlineData("routing.json")]
    [InlineData("registry.db")]
    public void Should_Refuse_A_Model_Name_That_Collides_With_A_Root_File(string model)
    {
        using var registry = _scenario.Open();

        var error = Record.Exception(() => registry.Push(_scenario.Request("one", model)));

        Assert.IsType<RegistryException>(error);
        Assert.Contains("model name", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(_scenario.Root), "a refused push must not create the serving root");
    }

    [Theory]
    [InlineData("models.config")]
    [InlineData("registry.db")]
    public void Should_Keep_The_Root_Usable_After_Refusing_A_Reserved_Model_Name(string model)
    {
        using (var registry = _scenario.Open())
        {
            _ = Record.Exception(() => registry.Push(_scenario.Request("one", model)));
        }

        var error = Record.Exception(() => _scenario.Push("two"));

        Assert.Null(error);
    }

    [Fact]
    public void Should_Refuse_A_Sqlite_File_That_Is_Not_A_ModelRelease_Registry_And_Leave_It_Alone()
    {
        var foreign = _scenario.Temp.Combine("mlflow.db");
        using (var connection = new SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            connection.Open();
            connection.Execute("CREATE TABLE experiments (id INTEGER PRIMARY KEY, name TEXT)");
            connection.Execute("INSERT INTO experiments (name) VALUES ('baseline')");
        }

        using var registry = new ModelRegistry(_scenario.Root, new SqliteMetadataStore(foreign), new RegistryOptions
        {
            Clock = _scenario.Clock,
            Environment = new RunEnvironment(_scenario.WorkDirectory, _ => null, "tester", "build-box"),
        });

        var error = Record.Exception(() => registry.Push(_scenario.Request("one")));

        Assert.IsType<RegistryException>(error);
        Assert.Contains("not a ModelRelease registry", error.Message);
        using var check = new SqliteConnection($"Data Source={foreign};Pooling=False;Mode=ReadOnly");
        check.Open();
        Assert.Equal(["experiments"], check.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"));
    }

    [Fact]
    public void Should_Read_One_Snapshot_While_Others_Write()
    {
        _scenario.Push("one");
        using var store = new SqliteMetadataStore(_scenario.RegistryPath);
        using var reader = store.Read();
        var before = reader.Versions("mnist").Count;

        _scenario.Push("two");

        Assert.Equal(before, reader.Versions("mnist").Count);
    }

    [Fact]
    public async Task Should_Copy_Again_When_The_Version_A_Repeated_Push_Matched_Is_Pruned_Meanwhile()
    {
        var v1 = _scenario.Push("one");
        using var store = new SqliteMetadataStore(_scenario.RegistryPath);
        var prune = store.Write();
        prune.MarkPruned("mnist", v1.Name, _scenario.Clock.GetUtcNow());

        // The push reads (v1 live, same digest) and then waits for the lock the prune holds
        var push = Task.Run(() =>
        {
            using var registry = _scenario.Open();
            return registry.Push(_scenario.Request("one"));
        });
        await Task.Delay(3000);
        prune.Commit();
        prune.Dispose();
        var result = await push.WaitAsync(TimeSpan.FromSeconds(60));

        using var check = _scenario.Open();
        var returned = check.Version("mnist", result.Version.Name);
        Assert.False(returned.IsPruned, $"push returned {returned.Name} (Created={result.Created}), which was pruned at {returned.PrunedAt:u}: it has no files");
    }

    [Fact]
    public async Task Should_Not_Delete_Another_Jobs_Copy_When_A_Push_Fails()
    {
        // Given a root with a first version (a failed first push of a brand-new root is another case: the second job
        // is refused there, as the root is half made), a job A whose artifact has many files (so its undo takes a
        // while), and a frozen clock: A and B both want the same next name
        _scenario.Push("seed");
        var big = _scenario.Artifact("a");
        for (var i = 0; i < FileCount; i++)
        {
            File.WriteAllText(Path.Combine(big, "variables", $"shard-{i:D5}"), $"shard {i}");
        }

        Task<PushResult>? other = null;
        using var a = _scenario.Open(fault: at =>
        {
            if (at == "before-commit")
            {
                // B starts, copies, and waits for the lock A holds; then A fails
                other = Task.Run(() =>
                {
                    using var b = _scenario.Open();
                    return b.Push(_scenario.Request("b"));
                });
                Thread.Sleep(200);
                throw new IOException("disk full");
            }
        });

        // When A fails before its commit
        var failure = Record.Exception(() => a.Push(_scenario.Request("a") with { Artifact = big }));
        var result = await other!.WaitAsync(TimeSpan.FromSeconds(120));

        // Then A reports its own failure, and B's committed version still has its files
        var copy = _scenario.Layout.VersionDirectory("mnist", result.Version.Name);
        var files = Directory.Exists(copy) ? Directory.GetFiles(copy, "*", SearchOption.AllDirectories).Length : 0;
        Assert.True(
            files == 3 && File.ReadAllText(Path.Combine(copy, "saved_model.pb")) == "graph b" && failure?.Message == "disk full",
            $"B committed {result.Version.Name} but its copy holds {files} files (want 3); A's failure surfaced as: {failure?.Message}");
    }

    private const int FileCount = 5000;

    [Theory]
    [InlineData(8, "cannot be written")]
    [InlineData(13, "disk holding the registry")]
    [InlineData(11, "restore it from a backup")]
    [InlineData(1, "failed: ")]
    public void Should_Name_The_Registry_File_And_The_Fix_For_A_Sqlite_Failure(int code, string expected)
    {
        using var store = new SqliteMetadataStore(_scenario.RegistryPath);

        var error = store.Explain(new SqliteException("SQLite said no", code));

        Assert.IsType<RegistryException>(error);
        Assert.Contains(_scenario.RegistryPath, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Should_Link_The_Version_To_The_Run_When_A_Label_Is_Cleared()
    {
        var v1 = _scenario.Push("one");
        using var registry = _scenario.Open();
        registry.SetLabel("mnist", LabelNames.Canary, v1.Name, new LabelChange(Weight: 10));

        using (var run = registry.StartExecution("Rollback", "mnist", new Dictionary<string, string?>()))
        {
            registry.ClearLabel("mnist", LabelNames.Canary, "analysis failed", EventKind.Rollback);
            run.Complete(ExecutionOutcome.Succeeded);
        }

        Assert.Contains(registry.Executions("mnist").Single().Links, l => l.Version == v1.Name);
    }

    [Fact]
    public void Should_List_Only_Models_With_Versions()
    {
        _scenario.Push("one");
        using var registry = _scenario.Open();

        registry.RecordValidation("fraud", null, Blessing.Rejected, null, "auc 0.61 < 0.70");

        Assert.Equal(["mnist"], registry.Models());
    }
}
