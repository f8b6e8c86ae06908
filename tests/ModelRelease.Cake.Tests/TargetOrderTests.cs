using ModelRelease.Cake.Internal;
using ModelRelease.Cake.Tests.Fixtures;

namespace ModelRelease.Cake.Tests;

/// <summary>Several targets run in the order given, each after its dependencies, each task once.</summary>
public sealed class TargetOrderTests
{
    private static readonly TaskCatalog Catalog = new(ReleaseChainTasks.All.Select(TaskDiscovery.Describe));

    private static (HostRun Run, Journal Journal) Run(params string[] args) => HostRun.Journaled(ReleaseChainTasks.All, args);

    private static string[] Targets(params string[] names) => [.. names.SelectMany(n => new[] { "-t", n })];

    [Fact]
    public void Should_Run_Promote_With_Its_Dependencies_Before_Notify_When_Given_First()
    {
        var (run, journal) = Run(Targets("Ship-Promote", "Ship-Notify"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            ["Ship-Push", "Ship-Canary", "Ship-Promote", "Ship-Notify sees Ship-Push,Ship-Canary,Ship-Promote,Ship-Notify"],
            journal.Entries);
    }

    [Fact]
    public void Should_Run_Notify_First_When_Given_First_And_Push_Once()
    {
        var (run, journal) = Run(Targets("Ship-Notify", "Ship-Promote"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            ["Ship-Push", "Ship-Notify sees Ship-Push,Ship-Notify,Ship-Canary,Ship-Promote", "Ship-Canary", "Ship-Promote"],
            journal.Entries);
    }

    [Fact]
    public void Should_Run_Status_Before_History_When_Given_First()
    {
        var (run, journal) = Run(Targets("Ship-Status", "Ship-History"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Ship-Status", "Ship-History"], journal.Entries);
    }

    [Fact]
    public void Should_Run_A_Duplicate_Target_Once_Where_It_Was_First_Given()
    {
        var (run, journal) = Run(Targets("Ship-History", "Ship-Status", "ship-history"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Ship-History", "Ship-Status"], journal.Entries);
    }

    [Fact]
    public void Should_Not_Run_A_Target_Again_That_An_Earlier_Target_Ran_As_A_Dependency()
    {
        var (run, journal) = Run(Targets("Ship-Canary", "Ship-Push", "Ship-Status"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Ship-Push", "Ship-Canary", "Ship-Status"], journal.Entries);
    }

    [Fact]
    public void Should_Run_Exclusive_Targets_Alone_In_The_Order_Given()
    {
        var (run, journal) = Run([.. Targets("Ship-Promote", "Ship-Status", "Ship-Push"), "--exclusive"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Ship-Promote", "Ship-Status", "Ship-Push"], journal.Entries);
    }

    [Theory]
    [InlineData(false, "Ship-Promote", "Ship-Notify")]
    [InlineData(false, "Ship-Notify", "Ship-Promote")]
    [InlineData(false, "Ship-History", "Ship-Canary", "Ship-Status")]
    [InlineData(false, "Ship-Promote", "Ship-Canary")]
    [InlineData(true, "Ship-Notify", "Ship-Status", "Ship-Canary")]
    public void Should_Run_Report_And_Plan_The_Same_Order(bool exclusive, params string[] targets)
    {
        var planned = ExecutionPlanner.Plan(Catalog, targets, exclusive).Select(t => t.Name).ToList();

        var (run, journal) = Run([.. Targets(targets), .. exclusive ? new[] { "--exclusive" } : []]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(planned, journal.Entries.Select(e => e.Split(' ')[0]));
        var rows = planned.Select(t => run.Output.IndexOf(Environment.NewLine + "  " + t + " ", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, rows);
        Assert.Equal(rows.Order(), rows);
        var steps = planned.Select(t => run.Output.IndexOf("» " + t + Environment.NewLine, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, steps);
        Assert.Equal(steps.Order(), steps);
    }

    [Fact]
    public void Should_Never_Show_The_Task_That_Orders_The_Targets()
    {
        var (journal, key) = JournalContext.Open();
        var run = HostRun.Of(
            h => h.UseContext<JournalContext>().AddTasks(ReleaseChainTasks.All).UseTaskLifetime<RecordingTaskLifetime>(),
            "-t", "Ship-Status", "-t", "Ship-History", "--verbosity=diagnostic", key);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Before:Ship-Status", "Ship-Status", "After:Ship-Status", "Before:Ship-History", "Ship-History", "After:Ship-History"], journal.Entries);
        Assert.DoesNotContain("<targets>", run.Output + run.Error);
        Assert.Matches(@"(?m)^\s*Total\s", run.Output);
        var rows = run.Output.Split('\n').SkipWhile(l => !l.Contains("Duration")).Count(l => l.Contains("Executed"));
        Assert.Equal(2, rows);
    }

    [Fact]
    public void Should_Tell_Setup_The_First_Target_And_The_Tasks_That_Run()
    {
        var (journal, key) = JournalContext.Open();
        var run = HostRun.Of(
            h => h.UseContext<JournalContext>().AddTasks(ReleaseChainTasks.All).UseLifetime<TargetRecordingLifetime>(),
            "-t", "Ship-Notify", "-t", "Ship-Canary", key);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Setup:Ship-Notify [Ship-Push,Ship-Notify,Ship-Canary]", journal.Entries[0]);
    }

    [Fact]
    public void Should_Tell_Setup_Only_The_Targets_With_Exclusive()
    {
        var (journal, key) = JournalContext.Open();
        var run = HostRun.Of(
            h => h.UseContext<JournalContext>().AddTasks(ReleaseChainTasks.All).UseLifetime<TargetRecordingLifetime>(),
            "-t", "Ship-Promote", "-t", "Ship-Status", "--exclusive", key);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Setup:Ship-Promote [Ship-Promote,Ship-Status]", journal.Entries[0]);
    }

    [Fact]
    public void Should_Skip_A_Later_Target_With_Its_Reason_When_An_Earlier_One_Ran()
    {
        // A Notify-style follow-up that says why it stays quiet must not fail a release that already happened.
        var (run, journal) = Run([.. Targets("Ship-Status", "Ship-Gate"), "--flag"]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(["Ship-Status"], journal.Entries);
        Assert.Contains("Skipping Ship-Gate: --flag given", run.Output);
        Assert.Contains("Skipped (--flag given)", run.Output);
    }

    [Fact]
    public void Should_Skip_An_Earlier_Target_When_A_Later_One_Runs()
    {
        var (run, journal) = Run([.. Targets("Ship-Gate", "Ship-Status"), "--flag"]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(["Ship-Status"], journal.Entries);
    }

    [Fact]
    public void Should_Fail_When_Every_Target_Is_Skipped()
    {
        var (run, journal) = Run([.. Targets("Ship-Gate", "Ship-Chat"), "--flag"]);

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains("error: Could not reach target 'Ship-Chat': it was skipped (--flag given), and so was every other target (Ship-Gate)", run.Error);
    }

    [Fact]
    public void Should_Show_The_Run_Order_Of_Several_Targets_In_The_Tree()
    {
        var run = HostRun.Of(h => h.UseContext<JournalContext>().AddTasks(ReleaseChainTasks.All), "--tree", "-t", "Ship-Promote", "-t", "Ship-Notify");
        var exclusive = HostRun.Of(h => h.UseContext<JournalContext>().AddTasks(ReleaseChainTasks.All), "--tree", "-t", "Ship-Notify", "-t", "Ship-Status", "-e");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Runs, in order: Ship-Push → Ship-Canary → Ship-Promote → Ship-Notify", run.Output);
        Assert.Contains("Runs, in order: Ship-Notify → Ship-Status", exclusive.Output);
    }
}
