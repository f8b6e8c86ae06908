using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>
/// A dry run of a whole chain (Validate → Push → SmokeCheck → Canary → Promote → NotifyProbe) plans each task on the
/// state the tasks before it would leave, fails where the real run fails, changes nothing, and then the real run does
/// what the rehearsal said.
/// </summary>
public abstract class ChainRehearsalTests : IDisposable
{
    private readonly ReleaseHost _host;

    protected ChainRehearsalTests(StoreKind kind) => _host = new ReleaseHost(kind);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    private string[] Chain(string name, params string[] more) =>
        ["--target=ReleaseChain", "--model=mnist", $"--artifact={_host.Artifact(name)}", ReleaseHost.Metrics(0.92, 45), .. more];

    [Fact]
    public void Should_Plan_Canary_And_Promote_On_The_Version_Push_Would_Create_Then_Do_The_Same_For_Real()
    {
        // Given v1 stable
        _host.StableV1Then();
        var before = _host.Snapshot();

        // When the chain for v2 is rehearsed
        var rehearsal = _host.Run([.. Chain("v2", "--version=v2"), "--dryrun"]);

        // Then every step plans on the one before: the smoke test sees the planned v2, Canary and Promote move it
        rehearsal.AssertExit(0);
        Assert.Equal(before, _host.Snapshot());
        var plan = RootSafetyTests.Flat(rehearsal.Out);
        Assert.Contains("would smoke-test v2", plan);
        Assert.Contains("would set canary of mnist to v2 at 20% of traffic", plan);
        Assert.Contains("would move stable of mnist from v1 to v2", plan);
        Assert.Contains("notify: Promote of mnist -> v2 (rehearsed True)", plan);
        Assert.Contains("Plan of the whole run", plan);
        Assert.Contains("Validate → Push → SmokeCheck → Canary → Promote → NotifyProbe", plan);

        // When it runs for real
        var real = _host.Run(Chain("v2", "--version=v2"));

        // Then it does what the rehearsal planned
        real.AssertExit(0);
        Assert.Contains("smoke-tested v2", real.Out);
        Assert.Contains("notify: Promote of mnist -> v2 (rehearsed False)", real.Out);
        using var registry = _host.Open();
        Assert.Equal("v2", registry.VersionAt("mnist", LabelNames.Stable)?.Name);
        Assert.Null(registry.VersionAt("mnist", LabelNames.Canary));
        var moves = registry.History(new EventQuery("mnist", Kinds: [EventKind.LabelMove, EventKind.Promote]))
            .Where(e => e.ToVersion == "v2" || e.FromVersion == "v2").Select(e => (e.Label, e.FromVersion, e.ToVersion)).ToList();
        Assert.Equal([(LabelNames.Canary, (string?)null, (string?)"v2"), (LabelNames.Stable, "v1", "v2"), (LabelNames.Canary, "v2", null)], moves);
    }

    [Fact]
    public void Should_Let_Canary_Pick_The_Version_Push_Would_Create_When_None_Is_Named()
    {
        _host.StableV1Then();
        var before = _host.Snapshot();

        var rehearsal = _host.Run([.. Chain("candidate"), "--dryrun"]);

        rehearsal.AssertExit(0);
        Assert.Equal(before, _host.Snapshot());
        var plan = RootSafetyTests.Flat(rehearsal.Out);
        Assert.Matches(@"would set canary of mnist to v-\d{8}-\d{6}", plan);
        Assert.Matches(@"would move stable of mnist from v1 to v-\d{8}-\d{6}", plan);
    }

    [Fact]
    public void Should_Fail_The_Rehearsal_Where_The_Real_Run_Fails()
    {
        // Given a fresh root: Canary has no stable to compare with, in the rehearsal and for real
        var rehearsal = _host.Run([.. Chain("v1", "--version=v1"), "--dryrun"]);
        Assert.False(Directory.Exists(_host.Root));

        var real = _host.Run(Chain("v1", "--version=v1"));

        Assert.Equal(1, rehearsal.ExitCode);
        Assert.Equal(1, real.ExitCode);
        const string Reason = "has no stable version yet";
        Assert.Contains(Reason, RootSafetyTests.Flat(rehearsal.Error));
        Assert.Contains(Reason, RootSafetyTests.Flat(real.Error));
        Assert.Contains("Task 'Canary' failed", RootSafetyTests.Flat(rehearsal.Error));
        Assert.Contains("Task 'Canary' failed", RootSafetyTests.Flat(real.Error));
    }

    [Fact]
    public void Should_Reject_In_The_Rehearsal_A_Candidate_The_Gate_Rejects()
    {
        _host.StableV1Then();
        var before = _host.Snapshot();
        string[] args = ["--target=ReleaseChain", "--model=mnist", $"--artifact={_host.Artifact("bad")}", ReleaseHost.Metrics(0.50, 45), "--version=bad"];

        var rehearsal = _host.Run([.. args, "--dryrun"]);
        Assert.Equal(before, _host.Snapshot());
        var real = _host.Run(args);

        Assert.Equal(3, rehearsal.ExitCode);
        Assert.Equal(3, real.ExitCode);
        using var registry = _host.Open();
        Assert.DoesNotContain(registry.Versions("mnist"), v => v.Name == "bad");
    }

    [Fact]
    public void Should_Roll_Back_In_The_Rehearsal_To_The_Stable_The_Planned_Promotion_Replaces()
    {
        // Given v1 stable and v2 pushed: promoting v2 makes v1 "previous", which the rollback must see
        _host.StableV1Then("v2");
        var before = _host.Snapshot();

        var rehearsal = _host.Run("--target=PromoteThenRollback", "--model=mnist", "--version=v2", "--dryrun");

        rehearsal.AssertExit(0);
        Assert.Equal(before, _host.Snapshot());
        var plan = RootSafetyTests.Flat(rehearsal.Out);
        Assert.Contains("would move stable of mnist from v1 to v2", plan);
        Assert.Contains("would move stable of mnist from v2 to v1", plan);
    }

    [Fact]
    public void Should_Give_A_Later_Task_The_Version_A_Repeated_Push_Resolved_To()
    {
        // Given v1 pushed from artifacts/v1 and promoted
        _host.StableV1Then();

        // When the same bytes go through the chain again under another name
        var run = _host.Run("--target=SmokeCheck", "--model=mnist", $"--artifact={_host.Artifact("v1")}", ReleaseHost.Metrics(0.92, 45), "--version=again");

        // Then the smoke test gets v1, the version holding those bytes, not a name that was never created
        run.AssertExit(0);
        Assert.Contains("smoke-tested v1", run.Out);
        Assert.Contains("created False", run.Out);
    }
}
