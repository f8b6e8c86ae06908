using ModelRelease.Cake.Tests.Fixtures;

namespace ModelRelease.Cake.Tests;

public sealed class PlannedTasksTests
{
    [Fact]
    public void Should_Tell_A_Task_Every_Task_Of_The_Run_In_Order()
    {
        var (journal, key) = JournalContext.Open();

        var run = HostRun.Of(h => h.UseContext<JournalContext>().AddTask<PlannedFirstTask>().AddTask<PlannedLastTask>(), "--target=Planned-Last", key);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Planned-First, Planned-Last", "will run Planned-Last", "last sees Planned-First, Planned-Last"], journal.Entries);
    }

    [Fact]
    public void Should_Plan_Only_The_Target_With_Exclusive()
    {
        var (journal, key) = JournalContext.Open();

        var run = HostRun.Of(h => h.UseContext<JournalContext>().AddTask<PlannedFirstTask>().AddTask<PlannedLastTask>(), "--target=Planned-Last", "--exclusive", key);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["last sees Planned-Last"], journal.Entries);
    }
}

[TaskName("Planned-First")]
public sealed class PlannedFirstTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context)
    {
        context.Journal.Add(string.Join(", ", context.PlannedTasks));
        context.Journal.Add(context.WillRun("planned-last") ? "will run Planned-Last" : "will not run Planned-Last");
    }
}

[TaskName("Planned-Last")]
[IsDependentOn(typeof(PlannedFirstTask))]
public sealed class PlannedLastTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("last sees " + string.Join(", ", context.PlannedTasks));
}
