using ModelRelease.Cake.Tests.Fixtures;

namespace ModelRelease.Cake.Tests;

public sealed class PipelineHostExitCodeTests
{
    private static (HostRun Run, Journal Journal) Run(Type[] tasks, params string[] args) => HostRun.Journaled(tasks, args);

    [Fact]
    public void Should_Exit_0_When_Every_Task_Succeeds()
    {
        Assert.Equal(ExitCodes.Success, Run(GraphTasks.All, "--target=Clean").Run.ExitCode);
    }

    [Fact]
    public void Should_Exit_1_With_The_Task_And_Cause_When_A_Task_Throws()
    {
        var (run, _) = Run([typeof(ThrowingTask)], "--target=Throw");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Contains("Task 'Throw' failed: the disk is full", run.Error);
        Assert.Matches(@"(?m)^\s*Throw\s+\S+\s+Failed", run.Output);
    }

    [Fact]
    public void Should_Exit_2_Before_Anything_Runs_For_An_Unknown_Target_Listing_Targets()
    {
        var (run, journal) = Run(GraphTasks.All, "--target=Nope", "--target=Clean");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains("Target 'Nope' not found. Available: Build, Clean, Lint, Pack, Restore, Restore-First.", run.Error);
    }

    [Fact]
    public void Should_Suggest_The_Closest_Target_For_A_Typo()
    {
        var (run, _) = Run(GraphTasks.All, "--target=Pakc");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("Did you mean 'Pack'?", run.Error);
    }

    [Fact]
    public void Should_Exit_2_For_A_Malformed_Value_Parsed_By_The_Context()
    {
        var (run, journal) = Run([typeof(TypedTask)], "--target=Typed", "--model=m", "--count=99");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains("--count=99 is not valid: give a whole number from 1 to 10", run.Error);
    }

    [Fact]
    public void Should_Exit_2_When_A_Task_Reports_A_Usage_Error()
    {
        Assert.Equal(ExitCodes.UsageError, Run([typeof(UsageInTaskTask)], "--target=Usage-In-Task").Run.ExitCode);
    }

    [Fact]
    public void Should_Exit_3_When_A_Gate_Rejects_And_Run_Nothing_After_It()
    {
        var (run, journal) = Run([typeof(RejectingTask), typeof(AfterRejectTask)], "--target=After-Reject");

        Assert.Equal(ExitCodes.GateRejected, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains("Task 'Reject' rejected: accuracy 0.80 is below the required 0.90", run.Error);
    }

    [Fact]
    public void Should_Exit_1_For_A_Broken_Pipeline_Definition_Whatever_The_Target()
    {
        var run = HostRun.Tasks([typeof(CycleATask), typeof(CycleBTask), typeof(CycleCTask), typeof(PlainTask)], "--target=Plain");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Contains("The pipeline definition is invalid: The task graph has a cycle", run.Error);
    }

    [Fact]
    public void Should_Exit_1_When_A_Task_Needs_Another_Context_Than_The_Host_Gives()
    {
        var run = HostRun.Tasks([typeof(NeedsJournalTask)], "--target=NeedsJournal");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Contains("needs a JournalContext, but the host's context is PipelineContext: call UseContext<JournalContext>()", run.Error);
    }

    [Fact]
    public void Should_Exit_2_Without_A_Target_When_There_Is_No_Default_Task()
    {
        var (run, _) = Run(GraphTasks.All);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("No target given: write --target=TASK. Available: Build, Clean", run.Error);
    }
}
