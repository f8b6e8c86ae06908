using ModelRelease.Cake.Tests.Fixtures;

namespace ModelRelease.Cake.Tests;

public sealed class ArgumentValidationTests
{
    private static (HostRun Run, Journal Journal) Run(Type[] tasks, params string[] args) => HostRun.Journaled(tasks, args);

    [Fact]
    public void Should_Reject_A_Typo_Naming_The_Closest_Valid_Argument()
    {
        var (run, journal) = Run([typeof(TypedTask)], "--target=Typed", "--modle=mnist");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains("Unknown argument --modle. Did you mean --model?", run.Error);
        Assert.Contains("read: --count, --flag, --journal, --mode, --model", run.Error);
    }

    [Fact]
    public void Should_Reject_An_Argument_Only_An_Unselected_Task_Reads()
    {
        var (run, _) = Run([typeof(TypedTask), typeof(CleanTask)], "--target=Clean", "--count=3");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("--count is not read by any task that runs for target Clean (it is read by Typed)", run.Error);
    }

    [Fact]
    public void Should_Reject_A_Missing_Required_Argument_With_An_Example()
    {
        var (run, journal) = Run([typeof(TypedTask)], "--target=Typed");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains("Task 'Typed' needs --model (model name), e.g. --model=mnist.", run.Error);
    }

    [Fact]
    public void Should_Accept_Arguments_Of_Dependencies_Of_The_Target()
    {
        var (run, journal) = Run([typeof(ConditionalTask), typeof(AfterConditionalTask)], "--target=After-Conditional", "--flag");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Conditional", "After-Conditional:1"], journal.Entries);
    }

    [Fact]
    public void Should_Accept_Arguments_The_Context_Declares_For_Every_Task()
    {
        // --journal is declared on JournalContext, not on Clean.
        Assert.Equal(0, Run(GraphTasks.All, "--target=Clean").Run.ExitCode);
    }
}
