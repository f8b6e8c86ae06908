using ModelRelease.Cake.Tests.Fixtures;

namespace ModelRelease.Cake.Tests;

public sealed class PipelineHostRunTests
{
    private static (HostRun Run, Journal Journal) Run(Type[] tasks, params string[] args) => HostRun.Journaled(tasks, args);

    [Fact]
    public void Should_Run_Dependencies_First_In_Graph_Order()
    {
        var (run, journal) = Run(GraphTasks.All, "--target=Pack");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Restore", "Lint", "Build", "Pack"], journal.Entries);
    }

    [Fact]
    public void Should_Run_Only_The_Target_With_Exclusive()
    {
        var (run, journal) = Run(GraphTasks.All, "--target=Pack", "--exclusive");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Pack"], journal.Entries);
    }

    [Fact]
    public void Should_Run_Repeated_Targets_Sharing_Dependencies_Once()
    {
        var (run, journal) = Run(GraphTasks.All, "-t", "Restore-First", "-t", "Build");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Clean", "Restore-First", "Restore", "Lint", "Build"], journal.Entries);
    }

    [Theory]
    [InlineData("Pack")]
    [InlineData("Build", "Restore-First")]
    [InlineData("Lint", "Pack", "Clean")]
    public void Should_Run_Tasks_In_The_Order_The_Planner_Predicts(params string[] targets)
    {
        var catalog = new Internal.TaskCatalog(GraphTasks.All.Select(Internal.TaskDiscovery.Describe));
        var predicted = Internal.ExecutionPlanner.Plan(catalog, targets, exclusive: false).Select(t => t.Name);

        var (run, journal) = Run(GraphTasks.All, [.. targets.Select(t => "--target=" + t)]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(predicted, journal.Entries);
    }

    [Fact]
    public void Should_Print_A_Report_Row_Per_Task()
    {
        var (run, _) = Run(GraphTasks.All, "--target=Build");

        foreach (var task in new[] { "Restore", "Lint", "Build", "Total" })
        {
            Assert.Matches($@"(?m)^\s*{task}\s+\d\d:\d\d:\d\d\.\d{{3}}", run.Output);
        }

        Assert.Contains("Executed", run.Output);
    }

    [Fact]
    public void Should_Print_No_Report_When_Quiet()
    {
        var (run, journal) = Run(GraphTasks.All, "--target=Clean", "--verbosity=quiet");

        Assert.Equal(["Clean"], journal.Entries);
        Assert.DoesNotContain("Duration", run.Output);
    }

    [Fact]
    public void Should_Run_Lifetimes_Around_The_Run_And_Each_Task()
    {
        var (journal, key) = JournalContext.Open();
        var run = HostRun.Of(
            h => h.UseContext<JournalContext>().AddTasks(GraphTasks.All).UseLifetime<RecordingLifetime>().UseTaskLifetime<RecordingTaskLifetime>(),
            "--target=Build",
            "--exclusive",
            key);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Setup:Build", "Before:Build", "Build", "After:Build", "Teardown:True"], journal.Entries);
    }

    [Fact]
    public void Should_Give_Tasks_Typed_Values_Parsed_Once_By_The_Context()
    {
        var (run, journal) = Run([typeof(TypedTask)], "--target=Typed", "--count", "7", "--mode=JSON", "--flag", "--model=mnist");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["count=7 mode=json flag=True model=mnist dry=False"], journal.Entries);
    }

    [Fact]
    public void Should_Skip_A_Task_Whose_ShouldRun_Is_False_And_Run_The_Rest()
    {
        var (run, journal) = Run([typeof(ConditionalTask), typeof(AfterConditionalTask)], "--target=After-Conditional");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["After-Conditional:1"], journal.Entries);
        Assert.Contains("Skipped", run.Output);

        var (_, flagged) = Run([typeof(ConditionalTask), typeof(AfterConditionalTask)], "--target=After-Conditional", "--flag");
        Assert.Equal(["Conditional", "After-Conditional:1"], flagged.Entries);
    }

    [Fact]
    public void Should_Call_OnError_And_Finally_And_Still_Fail_The_Run()
    {
        var (run, journal) = Run([typeof(HandledTask), typeof(AfterHandledTask)], "--target=After-Handled");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Equal(["OnError:broken", "Finally"], journal.Entries);
        Assert.Contains("Task 'Handled' failed: broken", run.Error);
    }

    [Fact]
    public void Should_Continue_Past_A_ContinueOnError_Task_And_Report_It_Failed()
    {
        var (run, journal) = Run([typeof(FlakyTask), typeof(AfterFlakyTask)], "--target=After-Flaky");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["After-Flaky"], journal.Entries);
        Assert.Matches(@"(?m)^\s*Flaky\s+\S+\s+Failed", run.Output);
        Assert.Contains("continuing: flaky", run.Output);
    }

    [Fact]
    public void Should_Use_The_Default_Task_When_No_Target_Is_Given()
    {
        var (run, journal) = Run([typeof(DefaultTask), typeof(CleanTask)]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Clean"], journal.Entries);
    }
}

[TaskName("Default")]
[IsDependentOn(typeof(CleanTask))]
public sealed class DefaultTask : PipelineTask<JournalContext>
{

    [Fact]
    public void Should_Name_The_ModelRelease_Version_A_Host_Runs_On_Beside_The_Host_s_Own()
    {
        var run = HostRun.Of(_ => { }, "--version");

        var library = typeof(PipelineHost).Assembly.GetName().Version!;
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"(ModelRelease {library.Major}.{library.Minor}.{library.Build} on Cake.Core 7.0.0", run.Output);
        Assert.DoesNotContain("+", run.Output.Split('(')[1].Split(" on ")[0]);
    }
}
