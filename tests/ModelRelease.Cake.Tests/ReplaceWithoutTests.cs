using ModelRelease.Cake.Internal;
using ModelRelease.Cake.Tests.Fixtures;

namespace ModelRelease.Cake.Tests;

/// <summary>A team replaces a stock task by name and place, or removes one, without listing every other task.</summary>
public sealed class ReplaceWithoutTests
{
    private static (HostRun Run, Journal Journal) Run(Action<PipelineHost> configure, params string[] args)
    {
        var (journal, key) = JournalContext.Open();
        var run = HostRun.Of(h => configure(h.UseContext<JournalContext>().AddTasks(ReplaceableTasks.Stock)), [.. args, key]);
        return (run, journal);
    }

    [Fact]
    public void Should_Run_A_Derived_Replacement_Under_The_Stock_Name_In_The_Stock_Place()
    {
        var (run, journal) = Run(h => h.Replace<StockStepTask, DerivedStepTask>(), "--target=Uses-Stock", "--mode=json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["before", "Clean", "derived json", "uses"], journal.Entries);
        Assert.Contains("» Stock-Step", run.Output);
    }

    [Fact]
    public void Should_Run_An_Unrelated_Replacement_With_Its_Own_Arguments_And_The_Stock_Dependencies()
    {
        var (run, journal) = Run(h => h.Replace<StockStepTask, UnrelatedStepTask>(), "--target=Uses-Stock", "--count=4");
        var (stockArgument, _) = Run(h => h.Replace<StockStepTask, UnrelatedStepTask>(), "--target=Uses-Stock", "--mode=json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["before", "Clean", "unrelated 4", "uses"], journal.Entries);
        Assert.Equal(ExitCodes.UsageError, stockArgument.ExitCode);
        Assert.Contains("Unknown argument --mode", stockArgument.Error);
    }

    [Fact]
    public void Should_Show_The_Replacement_Only_Under_The_Stock_Name()
    {
        var (unknown, _) = Run(h => h.Replace<StockStepTask, UnrelatedStepTask>(), "--target=Unrelated");
        var (description, _) = Run(h => h.Replace<StockStepTask, UnrelatedStepTask>(), "--description");

        Assert.Equal(ExitCodes.UsageError, unknown.ExitCode);
        Assert.Contains("Target 'Unrelated' not found.", unknown.Error);
        Assert.Matches(@"(?m)^\s*Stock-Step\s+a team's own step\s+Before-Stock, Clean", description.Output);
        Assert.DoesNotContain("Unrelated", description.Output);
    }

    [Fact]
    public void Should_Keep_The_Stock_Description_When_The_Replacement_Has_None()
    {
        var catalog = new TaskEdits();
        catalog.Replace(typeof(StockStepTask), typeof(DerivedStepTask));

        var task = catalog.BuildCatalog(ReplaceableTasks.Stock).Get("Stock-Step");

        Assert.Equal(typeof(DerivedStepTask), task.Type);
        Assert.Equal("the stock step", task.Description);
    }

    [Fact]
    public void Should_Refuse_A_Derived_Task_Found_Next_To_Its_Base_And_Suggest_Replace()
    {
        var (run, journal) = Run(h => h.AddTask<DerivedStepTask>(), "--target=Stock-Step");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains("Two tasks are named 'Stock-Step'", run.Error);
        Assert.Contains("call host.Replace<StockStepTask, DerivedStepTask>()", run.Error);
        Assert.Contains("give DerivedStepTask its own [TaskName]", run.Error);
    }

    [Fact]
    public void Should_Let_A_Derived_Task_Inherit_The_Task_Name()
    {
        Assert.Equal("Stock-Step", TaskDiscovery.Describe(typeof(DerivedStepTask)).Name);
    }

    [Fact]
    public void Should_Remove_A_Task_From_Targets_And_Help()
    {
        var (run, journal) = Run(h => h.Without<DemoStepTask>(), "--target=Demo-Step");
        var (help, _) = Run(h => h.Without<DemoStepTask>(), "--help");
        var (other, otherJournal) = Run(h => h.Without<DemoStepTask>(), "--target=Clean");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains("Target 'Demo-Step' not found.", run.Error);
        Assert.DoesNotContain("Demo-Step", help.Output);
        Assert.Equal(0, other.ExitCode);
        Assert.Equal(["Clean"], otherJournal.Entries);
    }

    [Fact]
    public void Should_Refuse_To_Remove_A_Task_Another_Depends_On_Naming_Both_And_The_Fix()
    {
        var (run, journal) = Run(h => h.Without<StockStepTask>(), "--target=Clean");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains(
            "Task 'Uses-Stock' (UsesStockTask) depends on 'Stock-Step', which Without<StockStepTask>() removes. Remove 'Uses-Stock' too (Without<UsesStockTask>()), " +
            "or keep 'Stock-Step' and put your own task in its place (Replace<StockStepTask, YourTask>()).",
            run.Error);
    }

    [Fact]
    public void Should_Remove_A_Task_With_Its_Dependents_And_Drop_Its_Dependee_Edges()
    {
        var (run, journal) = Run(h => h.Without<StockStepTask>().Without<UsesStockTask>(), "--target=Before-Stock");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["before"], journal.Entries);
    }

    [Fact]
    public void Should_Refuse_To_Replace_A_Task_The_Host_Was_Not_Given()
    {
        var run = HostRun.Of(h => h.UseContext<JournalContext>().AddTask<CleanTask>().Replace<StockStepTask, DerivedStepTask>(), "--target=Clean");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Contains("Replace<StockStepTask, DerivedStepTask>(): ModelRelease.Cake.Tests.Fixtures.StockStepTask is not among the host's tasks", run.Error);
    }

    [Fact]
    public void Should_Refuse_To_Replace_A_Task_Twice()
    {
        var (run, _) = Run(h => h.Replace<StockStepTask, DerivedStepTask>().Replace<StockStepTask, UnrelatedStepTask>(), "--target=Clean");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Contains("StockStepTask is replaced twice", run.Error);
    }

    [Fact]
    public void Should_Refuse_To_Remove_A_Task_The_Host_Was_Not_Given()
    {
        var run = HostRun.Of(h => h.UseContext<JournalContext>().AddTask<CleanTask>().Without<DemoStepTask>(), "--target=Clean");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Contains("Without<DemoStepTask>(): ModelRelease.Cake.Tests.Fixtures.DemoStepTask is not among the host's tasks", run.Error);
    }
}
