using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>Verify reports every inconsistency it is shown, exits 1 while one remains, and --repair fixes what is safe without deleting a registered version's files.</summary>
public abstract class VerifyTaskTests : IDisposable
{
    private readonly ReleaseHost _host;

    protected VerifyTaskTests(StoreKind kind)
    {
        _host = new ReleaseHost(kind);
        _host.StableV1Then("v2");
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    private string VersionDirectory(string name) => Path.Combine(_host.Root, "mnist", "versions", name);

    [Fact]
    public void Should_Pass_On_A_Consistent_Root()
    {
        var run = _host.Run("--target=Verify");

        run.AssertExit(0);
        Assert.Contains("2 live versions match their manifests", RootSafetyTests.Flat(run.Out));
    }

    [Fact]
    public void Should_Report_A_Changed_File_And_Keep_Failing_After_Repair_Without_Touching_It()
    {
        // Given a byte changed inside an immutable version
        var file = Path.Combine(VersionDirectory("v1"), "saved_model.pb");
        File.SetAttributes(file, FileAttributes.Normal);
        File.WriteAllText(file, "tampered");

        // When Verify runs, then Verify --repair
        var verify = _host.Run("--target=Verify");
        var repair = _host.Run("--target=Verify", "--repair");

        // Then both fail naming the file; the repair does not "fix" a version's bytes
        verify.AssertExit(1);
        Assert.Contains("saved_model.pb changed", RootSafetyTests.Flat(verify.Out));
        repair.AssertExit(1);
        Assert.Equal("tampered", File.ReadAllText(file));
    }

    [Fact]
    public void Should_Report_A_Missing_Version_Directory_As_Needing_A_Person()
    {
        var aside = Path.Combine(_host.WorkDirectory, "aside");
        Directory.Move(VersionDirectory("v2"), aside);

        var run = _host.Run("--target=Verify", "--repair");

        run.AssertExit(1);
        Assert.Contains("its directory is missing", RootSafetyTests.Flat(run.Out));
        Assert.Contains("(by hand)", RootSafetyTests.Flat(run.Out));
    }

    [Fact]
    public void Should_Repair_Links_Configs_Unknown_Directories_And_Dead_Runs_Then_Pass()
    {
        // Given a missing stable link, a numeric link pointing elsewhere, hand-edited configs, an unknown directory,
        // and a task run left "running" by a process that is gone
        File.Delete(Path.Combine(_host.Root, "mnist", "stable"));
        var numeric = Directory.GetFileSystemEntries(Path.Combine(_host.Root, "mnist", "serving")).Order(StringComparer.Ordinal).First();
        File.Delete(numeric);
        File.CreateSymbolicLink(numeric, "../versions/v2");
        File.WriteAllText(Path.Combine(_host.Root, "models.config"), "edited by hand\n");
        File.WriteAllText(Path.Combine(_host.Root, "routing.json"), "{}\n");
        Directory.CreateDirectory(VersionDirectory("stray"));
        File.WriteAllText(Path.Combine(VersionDirectory("stray"), "data.bin"), "keep me");
        LeaveARunRunning();
        var rehearsalBefore = _host.Snapshot();

        // When Verify runs, then its repair is rehearsed, then run, then Verify again
        var verify = _host.Run("--target=Verify");
        var rehearsal = _host.Run("--target=Verify", "--repair", "--dryrun");
        Assert.Equal(rehearsalBefore, _host.Snapshot());
        var repair = _host.Run("--target=Verify", "--repair");
        var after = _host.Run("--target=Verify");

        // Then each finding was reported with its fix, the repair fixed all of them, and nothing was deleted
        verify.AssertExit(1);
        var report = RootSafetyTests.Flat(verify.Out);
        foreach (var expected in new[] { "stable", "models.config", "routing.json", "stray", "execution", "aborted" })
        {
            Assert.Contains(expected, report);
        }

        rehearsal.AssertExit(0);
        Assert.Contains("would move", RootSafetyTests.Flat(rehearsal.Out));
        Assert.Contains("as aborted", RootSafetyTests.Flat(rehearsal.Out));
        repair.AssertExit(0);
        after.AssertExit(0);
        var quarantined = Assert.Single(Directory.GetDirectories(Path.Combine(_host.Root, ".modelrelease", "quarantine")));
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(quarantined, "data.bin")));
        Assert.Equal("versions/v1", new FileInfo(Path.Combine(_host.Root, "mnist", "stable")).LinkTarget);
        using var registry = _host.Open();
        Assert.DoesNotContain(registry.Executions(), e => e.Outcome == ExecutionOutcome.Running);
        Assert.Contains(registry.Executions(), e => e.Outcome == ExecutionOutcome.Aborted);
    }

    [Fact]
    public void Should_Refuse_To_Verify_A_Root_With_Another_Store()
    {
        var run = _host.Run("--target=Verify", "--repair", $"--registry={Path.Combine(_host.WorkDirectory, "typo.db")}");

        run.AssertExit(1);
        Assert.Contains("is new", RootSafetyTests.Flat(run.Error));
    }

    private void LeaveARunRunning()
    {
        Assert.Equal(1, _host.RawExecute("UPDATE executions SET outcome = 'running', finished_at = NULL, lease = '999999:1' WHERE id = (SELECT MAX(id) FROM executions)"));
    }
}
