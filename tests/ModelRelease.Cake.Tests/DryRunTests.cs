using ModelRelease.Cake.Tests.Fixtures;

namespace ModelRelease.Cake.Tests;

public sealed class DryRunTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelrelease-dryrun-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static (HostRun Run, Journal Journal) Run(Type[] tasks, params string[] args) => HostRun.Journaled(tasks, args);

    [Theory]
    [InlineData("--dryrun")]
    [InlineData("--noop")]
    [InlineData("--whatif")]
    public void Should_Run_No_Task_Body_And_Leave_No_File(string alias)
    {
        var target = Path.Combine(_directory, "out.txt");

        var (run, journal) = Run([typeof(WriteFileTask)], "--target=Write-File", "--out=" + target, alias);

        Assert.Equal(0, run.ExitCode);
        Assert.False(File.Exists(target), "a dry run must not write the file");
        Assert.Empty(journal.Entries);
        Assert.Contains($"would write {target} (the test output)", run.Output);
        Assert.Matches(@"(?m)^\s*Write-File\s+\S+\s+Planned", run.Output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    [Fact]
    public void Should_Write_The_File_Without_Dry_Run()
    {
        var target = Path.Combine(_directory, "out.txt");

        var (run, journal) = Run([typeof(WriteFileTask)], "--target=Write-File", "--out=" + target);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("written", File.ReadAllText(target));
        Assert.Equal(["Write-File"], journal.Entries);
    }

    [Fact]
    public void Should_Say_So_When_A_Task_Does_Not_Describe_Its_Changes_And_Still_Not_Run_It()
    {
        var target = Path.Combine(_directory, "out.txt");

        var (run, _) = Run([typeof(UndescribedWriteTask)], "--target=Undescribed-Write", "--out=" + target, "--dryrun");

        Assert.Equal(0, run.ExitCode);
        Assert.False(File.Exists(target));
        Assert.Contains("would run Undescribed-Write (the task does not describe its changes)", run.Output);
    }

    [Fact]
    public void Should_Walk_The_Whole_Graph_In_Order_Without_Running_It()
    {
        var (run, journal) = Run(GraphTasks.All, "--target=Pack", "--dryrun");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(journal.Entries);
        var order = new[] { "» Restore", "» Lint", "» Build", "» Pack" }.Select(s => run.Output.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public void Should_Tell_The_Context_It_Is_A_Dry_Run()
    {
        var (journal, key) = JournalContext.Open();
        var run = HostRun.Of(h => h.UseContext<JournalContext>().AddTasks(typeof(TypedTask)).UseLifetime<DryRunAwareLifetime>(), "--target=Typed", "--model=m", "--dryrun", key);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["setup dry=True"], journal.Entries);
    }
}

public sealed class DryRunAwareLifetime : PipelineLifetime<JournalContext>
{
    public override void Setup(JournalContext context, global::Cake.Core.ISetupContext info) => context.Journal.Add("setup dry=" + context.DryRun);
}

public sealed class DryRunFailureTests
{
    [Fact]
    public void Should_Fail_A_Rehearsal_Whose_Plan_Fails_Without_Running_Its_Error_Handler()
    {
        var (run, journal) = HostRun.Journaled([typeof(UnplannableTask)], "--target=Unplannable", "--dryrun");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains("Task 'Unplannable' failed: version v9 is unknown", run.Error);
    }

    [Fact]
    public void Should_Continue_Past_A_ContinueOnError_Task_Whose_Plan_Fails_As_The_Real_Run_Would()
    {
        var (run, _) = HostRun.Journaled([typeof(UnplannableContinueTask), typeof(AfterUnplannableContinueTask)], "--target=After-Unplannable-Continue", "--dryrun");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("could not plan and is marked [ContinueOnError]; continuing: cannot plan", run.Output);
        Assert.Contains("would write after.txt", run.Output);
    }
}
