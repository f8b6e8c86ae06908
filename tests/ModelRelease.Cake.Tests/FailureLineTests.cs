using ModelRelease.Cake.Tests.Fixtures;

namespace ModelRelease.Cake.Tests;

/// <summary>One failure is one error line: the host's, with its cause; the engine's own line only at diagnostic.</summary>
public sealed class FailureLineTests
{
    private static (HostRun Run, Journal Journal) Run(Type[] tasks, params string[] args) => HostRun.Journaled(tasks, args);

    private static int FailureLines(string text, string task) =>
        text.Split('\n').Count(l => l.Contains(task, StringComparison.Ordinal)
            && (l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("error", StringComparison.OrdinalIgnoreCase)));

    [Theory]
    [InlineData("Throw", "Task 'Throw' failed: the disk is full")]
    [InlineData("Reject", "Task 'Reject' rejected: accuracy 0.80 is below the required 0.90")]
    [InlineData("Handled", "Task 'Handled' failed: broken")]
    public void Should_Print_One_Error_Line_Per_Failed_Task(string task, string line)
    {
        var (run, _) = Run([typeof(ThrowingTask), typeof(RejectingTask), typeof(HandledTask)], "--target=" + task);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(1, FailureLines(run.Error, task));
        Assert.Equal(0, FailureLines(run.Output.Split("Duration")[0], task));
        Assert.Contains("error: " + line, run.Error);
        Assert.DoesNotContain("An error occurred", run.Output + run.Error);
    }

    [Fact]
    public void Should_Print_One_Line_For_A_Failed_Rehearsal()
    {
        var (run, _) = Run([typeof(UnplannableTask)], "--target=Unplannable", "--dryrun");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Equal(1, FailureLines(run.Error, "Unplannable"));
        Assert.DoesNotContain("An error occurred", run.Output + run.Error);
    }

    [Fact]
    public void Should_Print_Only_The_Warning_For_A_ContinueOnError_Task()
    {
        var (run, _) = Run([typeof(FlakyTask), typeof(AfterFlakyTask)], "--target=After-Flaky");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Error);
        Assert.Equal(1, FailureLines(run.Output.Split("Duration")[0], "Flaky"));
        Assert.DoesNotContain("An error occurred", run.Output);
    }

    [Fact]
    public void Should_Keep_The_Engine_Line_And_The_Stack_Trace_At_Diagnostic()
    {
        var (run, _) = Run([typeof(ThrowingTask)], "--target=Throw", "--verbosity=diagnostic");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Contains("error: Task 'Throw' failed: the disk is full", run.Error);
        Assert.Contains("System.InvalidOperationException: the disk is full", run.Error);
        Assert.Contains("   at ", run.Error);
        Assert.Contains("An error occurred when executing task 'Throw'.", run.Output);
    }
}
