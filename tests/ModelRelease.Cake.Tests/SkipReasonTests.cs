using ModelRelease.Cake.Tests.Fixtures;

namespace ModelRelease.Cake.Tests;

/// <summary>A task says why it is skipped; the run prints it and the report shows it, in a dry run too.</summary>
public sealed class SkipReasonTests
{
    private static readonly Type[] Tasks =
        [typeof(GateTask), typeof(AfterGateTask), typeof(AsyncGateTask), typeof(AfterAsyncGateTask), typeof(BothHooksTask), typeof(AfterBothHooksTask), typeof(ConditionalTask), typeof(AfterConditionalTask)];

    private static (HostRun Run, Journal Journal) Run(params string[] args) => HostRun.Journaled(Tasks, args);

    [Fact]
    public void Should_Print_Why_A_Task_Is_Skipped_And_Show_It_In_The_Report()
    {
        var (run, journal) = Run("--target=After-Gate", "--flag");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["After-Gate"], journal.Entries);
        Assert.Contains("» Skipping Gate: --flag given", run.Output);
        Assert.Matches(@"(?m)^\s*Gate\s+\S+\s+Skipped \(--flag given\)", run.Output);
    }

    [Fact]
    public void Should_Run_The_Task_When_It_Gives_No_Reason()
    {
        var (run, journal) = Run("--target=After-Gate");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Gate", "After-Gate"], journal.Entries);
        Assert.DoesNotContain("Skipping", run.Output);
    }

    [Fact]
    public void Should_Print_The_Reason_In_A_Dry_Run_And_Plan_Nothing_For_The_Skipped_Task()
    {
        var (run, journal) = Run("--target=After-Gate", "--flag", "--dryrun");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains("» Skipping Gate: --flag given", run.Output);
        Assert.DoesNotContain("would write gate.txt", run.Output);
        Assert.Matches(@"(?m)^\s*Gate\s+\S+\s+Skipped \(--flag given\)", run.Output);
        Assert.Matches(@"(?m)^\s*After-Gate\s+\S+\s+Planned", run.Output);
    }

    [Fact]
    public void Should_Refuse_To_Skip_A_Target_And_Say_Why_It_Would_Be()
    {
        var (run, journal) = Run("--target=Gate", "--flag");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains("error: Could not reach target 'Gate': it was skipped (--flag given).", run.Error);
    }

    [Fact]
    public void Should_Take_A_Reason_From_An_Async_Task_And_Escape_Its_Control_Characters()
    {
        var (run, journal) = Run("--target=After-Async-Gate", "--mode=json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["After-Async-Gate"], journal.Entries);
        Assert.Contains(@"» Skipping Async-Gate: --mode=json prints no\u001b[31m table", run.Output);
        Assert.DoesNotContain("\u001b", run.Output);
    }

    [Fact]
    public void Should_Keep_ShouldRun_Working_With_A_Generic_Reason()
    {
        var (run, journal) = Run("--target=After-Conditional");

        Assert.Equal(["After-Conditional:1"], journal.Entries);
        Assert.Contains("» Skipping Conditional: ShouldRun returned false", run.Output);
        Assert.Matches(@"(?m)^\s*Conditional\s+\S+\s+Skipped \(ShouldRun returned false\)", run.Output);
    }

    [Theory]
    [InlineData(1, "Both-Hooks", null)]
    [InlineData(3, null, "three is skipped")]
    [InlineData(7, null, "ShouldRun returned false")]
    public void Should_Skip_When_Either_Hook_Says_So_With_The_Most_Specific_Reason(int count, string? ran, string? reason)
    {
        var (run, journal) = Run("--target=After-Both-Hooks", $"--count={count}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(ran is null ? ["After-Both-Hooks"] : [ran, "After-Both-Hooks"], journal.Entries);
        if (reason is not null)
        {
            Assert.Contains($"» Skipping Both-Hooks: {reason}", run.Output);
        }
    }
}
