using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>Every mutating task under --dryrun prints its plan and leaves the serving root and the store byte for byte as they were.</summary>
public abstract class DryRunTaskTests : IDisposable
{
    private readonly ReleaseHost _host;

    protected DryRunTaskTests(StoreKind kind)
    {
        _host = new ReleaseHost(kind);
        foreach (var name in new[] { "v1", "v2", "v3", "v4" })
        {
            _host.Push(name);
        }

        _host.Do("Promote", "--version=v1");
        _host.Do("Promote", "--version=v2");
        _host.Do("Canary", "--version=v3");
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    public static TheoryData<string[], string> Steps => new()
    {
        { ["--target=Push", "--model=mnist", "--artifact=artifacts/new", "--metrics={\"accuracy\": 0.95, \"latency_p99_ms\": 40}"], "would copy 3 files" },
        { ["--target=Validate", "--model=mnist", "--artifact=artifacts/new", "--metrics={\"accuracy\": 0.95, \"latency_p99_ms\": 40}"], "would change nothing" },
        { ["--target=Canary", "--model=mnist", "--version=v4", "--weight=50"], "would move canary of mnist from v3 to v4 at 50% of traffic" },
        { ["--target=Promote", "--model=mnist"], "would move stable of mnist from v2 to v3" },
        { ["--target=Rollback", "--model=mnist"], "would clear canary of mnist (was v3)" },
        { ["--target=Rollback", "--model=mnist", "--to=previous"], "would move stable of mnist from v2 to v1" },
        { ["--target=Label", "--model=mnist", "--label=golden", "--version=v2"], "would set golden of mnist to v2" },
        { ["--target=Prune", "--model=mnist", "--keep=0"], "would delete" },
        { ["--target=Status", "--model=mnist"], "would change nothing" },
        { ["--target=History", "--model=mnist"], "would change nothing" },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void Should_Print_The_Plan_And_Change_Nothing(string[] args, string expected)
    {
        _host.Artifact("new");
        var before = _host.Snapshot();

        var run = _host.Run([.. args, "--dryrun"]);

        run.AssertExit(0);
        Assert.Contains(expected, run.Out);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Not_Create_A_Store_When_Rehearsing_The_First_Push()
    {
        using var fresh = new ReleaseHost(_host.Kind);

        var run = fresh.Run("--target=Push", "--model=mnist", $"--artifact={fresh.Artifact("v1")}", ReleaseHost.Metrics(0.9, 50), "--dryrun");

        run.AssertExit(0);
        Assert.Contains("would copy", run.Out);
        Assert.False(Directory.Exists(fresh.Root));
    }

    [Fact]
    public void Should_Exit_3_When_Rehearsing_A_Rejected_Candidate()
    {
        var before = _host.Snapshot();

        var run = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("bad")}", ReleaseHost.Metrics(0.5, 50), "--dryrun");

        run.AssertExit(3);
        Assert.Equal(before, _host.Snapshot());
    }

    public static TheoryData<string[]> StepsOnPrunedVersion => new()
    {
        { ["--target=Canary", "--model=mnist", "--version=v4"] },
        { ["--target=Promote", "--model=mnist", "--version=v4"] },
        { ["--target=Rollback", "--model=mnist", "--to=v4"] },
        { ["--target=Label", "--model=mnist", "--label=golden", "--version=v4"] },
    };

    [Theory]
    [MemberData(nameof(StepsOnPrunedVersion))]
    public void Should_Refuse_A_Pruned_Version_In_A_Dry_Run_As_The_Real_Run_Does(string[] args)
    {
        // v1 (previous stable), v2 (stable) and v3 (canary) are protected; v4 is not
        _host.Do("Prune", "--keep=0");
        var before = _host.Snapshot();

        var rehearsal = _host.Run([.. args, "--dryrun"]);
        var real = _host.Run(args);

        rehearsal.AssertExit(1);
        real.AssertExit(1);
        Assert.Contains("v4", rehearsal.Error);
        Assert.Contains("was pruned", rehearsal.Error);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Say_A_Rehearsed_Push_Of_Bytes_Already_Pushed_Copies_Nothing()
    {
        var before = _host.Snapshot();

        var run = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v4")}", ReleaseHost.Metrics(0.9, 50), "--dryrun");

        run.AssertExit(0);
        Assert.Contains("a repeated push of mnist v4", run.Out);
        Assert.DoesNotContain("would copy", run.Out);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Plan_No_Writes_When_Rehearsing_A_Step_That_Changes_Nothing()
    {
        var run = _host.Run("--target=Label", "--model=mnist", "--label=golden", "--clear", "--dryrun");

        run.AssertExit(0);
        Assert.Contains("golden is not set; nothing to clear", run.Out);
        Assert.DoesNotContain("models.config", run.Out);
        Assert.DoesNotContain("routing.json", run.Out);
        Assert.DoesNotContain("audit event", run.Out);
    }
}
