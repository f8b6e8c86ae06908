using ModelRelease.Cake.Internal;
using ModelRelease.Cake.Tests.Fixtures;

namespace ModelRelease.Cake.Tests;

/// <summary>The corners a review found: exit codes that could leak, hooks that could mislead, edges declared twice.</summary>
public sealed class EdgeCaseTests
{
    private static (HostRun Run, Journal Journal) Run(Type[] tasks, params string[] args) => HostRun.Journaled(tasks, args);

    [Fact]
    public void Should_Exit_1_When_A_Tool_Fails_Whatever_Its_Own_Exit_Code()
    {
        var (run, _) = Run([typeof(ToolFailsTask)], "--target=Tool-Fails");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Contains("Process returned an error (exit code 3)", run.Error);
    }

    [Fact]
    public void Should_Keep_The_Gate_Exit_Code_When_OnError_Throws_Too()
    {
        var (run, _) = Run([typeof(RejectingWithThrowingHandlerTask)], "--target=Rejecting-Handler");

        Assert.Equal(ExitCodes.GateRejected, run.ExitCode);
        Assert.Contains("p99 latency grew 40%", run.Error);
        Assert.Contains("Rejecting-Handler.OnError threw while handling the failure: clean-up failed too", run.Output);
    }

    [Fact]
    public void Should_Exit_1_When_Setup_Fails_And_Run_No_Task()
    {
        var (journal, key) = JournalContext.Open();
        var run = HostRun.Of(h => h.UseContext<JournalContext>().AddTasks(GraphTasks.All).UseLifetime<FailingSetupLifetime>(), "--target=Clean", key);

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains("cannot open the registry", run.Error);
    }

    [Fact]
    public void Should_Exit_2_For_Bare_Version_With_A_Target_Instead_Of_Doing_Nothing()
    {
        // "--version $V" with an empty $V: printing the tool version and exiting 0 would be a silent green release.
        var (run, journal) = Run([typeof(TypedTask)], "--target=Typed", "--model=m", "--version");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains("--version needs a value here", run.Error);
    }

    [Fact]
    public void Should_Treat_An_Empty_Required_Value_As_Missing()
    {
        var (run, journal) = Run([typeof(TypedTask)], "--target=Typed", "--model=");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains("Task 'Typed' needs --model (model name), e.g. --model=mnist (it was given empty).", run.Error);
    }

    [Fact]
    public void Should_Check_Required_Arguments_The_Context_Declares()
    {
        var missing = HostRun.Of(h => h.UseContext<TenantContext>().AddTask<TenantTask>(), "--target=Tenant");
        var given = HostRun.Of(h => h.UseContext<TenantContext>().AddTask<TenantTask>(), "--target=Tenant", "--tenant=acme");

        Assert.Equal(ExitCodes.UsageError, missing.ExitCode);
        Assert.Contains("Every task needs --tenant (tenant every task acts for), e.g. --tenant=acme.", missing.Error);
        Assert.Equal(ExitCodes.Success, given.ExitCode);
    }

    [Fact]
    public void Should_Name_The_Default_Target_When_Refusing_An_Argument()
    {
        var (run, _) = Run([typeof(DefaultTask), typeof(CleanTask)], "--modle=x");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("The tasks that run for target Default read: --journal.", run.Error);
    }

    [Fact]
    public void Should_Run_Several_Exclusive_Targets_Alone_And_Each_Once()
    {
        var (run, journal) = Run(GraphTasks.All, "-t", "Pack", "-t", "Clean", "-t", "Pack", "--exclusive");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Pack", "Clean"], journal.Entries);
    }

    [Fact]
    public void Should_Run_A_Repeated_Target_Once()
    {
        var (run, journal) = Run(GraphTasks.All, "-t", "Clean", "-t", "clean");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Clean"], journal.Entries);
    }

    [Fact]
    public void Should_Treat_An_Edge_Declared_Twice_Or_From_Both_Sides_As_One()
    {
        var tasks = new[] { typeof(CleanTask), typeof(TwiceLinkedTask), typeof(CleanDependeeTask), typeof(LinkedBothWaysTask) };
        var catalog = new TaskCatalog(tasks.Select(TaskDiscovery.Describe));

        var (twice, twiceJournal) = Run(tasks, "--target=Twice-Linked");
        var (both, bothJournal) = Run(tasks, "--target=Linked-Both-Ways");

        Assert.Equal(["Clean", "Clean-Dependee"], catalog.Dependencies["Twice-Linked"].Order());
        Assert.Equal(["Clean-Dependee"], catalog.Dependencies["Linked-Both-Ways"]);
        Assert.Equal(0, twice.ExitCode);
        Assert.Equal(["Clean", "Clean-Dependee", "Twice-Linked"], twiceJournal.Entries.Order());
        Assert.Equal("Twice-Linked", twiceJournal.Entries[^1]);
        Assert.Equal(0, both.ExitCode);
        Assert.Equal(["Clean-Dependee", "Linked-Both-Ways"], bothJournal.Entries);
    }

    [Fact]
    public void Should_Refuse_A_Task_Argument_Named_Like_A_Host_Option()
    {
        var run = HostRun.Tasks([typeof(ReadsTargetTask)], "--target=Reads-Target");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Contains("declares the argument --target, which the host reads itself", run.Error);
    }

    [Fact]
    public void Should_Not_Take_A_Helper_With_The_Hook_Name_For_An_Override()
    {
        Assert.Equal(TaskHooks.None, TaskDiscovery.Describe(typeof(HelperOverloadTask)).Hooks);

        var (run, _) = Run([typeof(HelperOverloadTask)], "--target=Helper-Overload", "--dryrun");

        Assert.Contains("would run Helper-Overload (the task does not describe its changes)", run.Output);
    }

    [Fact]
    public void Should_Create_Only_The_Tasks_That_Run()
    {
        var (run, journal) = Run([typeof(UnconstructibleTask), typeof(CleanTask)], "--target=Clean");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Clean"], journal.Entries);
    }

    [Fact]
    public void Should_Fail_Clearly_When_The_Target_Itself_Should_Not_Run()
    {
        var (run, journal) = Run([typeof(NeverTask)], "--target=Never");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains("error: Could not reach target 'Never': it was skipped (ShouldRun returned false).", run.Error);
    }
}
