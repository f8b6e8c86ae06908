using ModelRelease.Cake.Tests.Fixtures;

namespace ModelRelease.Cake.Tests;

/// <summary>Several lifetimes all run: setups in registration order, teardowns in reverse; the same type once.</summary>
public sealed class LifetimeTests
{
    private static (HostRun Run, Journal Journal) Run(Action<PipelineHost> configure, params string[] args)
    {
        var (journal, key) = JournalContext.Open();
        var run = HostRun.Of(h => configure(h.UseContext<JournalContext>().AddTasks(GraphTasks.All)), [.. args, key]);
        return (run, journal);
    }

    [Fact]
    public void Should_Run_Every_Lifetime_Setups_In_Order_Teardowns_In_Reverse()
    {
        var (run, journal) = Run(
            h => h.UseLifetime<FirstLifetime>().UseLifetime<SecondLifetime>().UseTaskLifetime<FirstTaskLifetime>().UseTaskLifetime<SecondTaskLifetime>(),
            "--target=Clean");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                "Setup:first", "Setup:second",
                "Before:first:Clean", "Before:second:Clean", "Clean", "After:second:Clean", "After:first:Clean",
                "Teardown:second", "Teardown:first",
            ],
            journal.Entries);
    }

    [Fact]
    public void Should_Keep_The_First_Task_Lifetime_When_A_Second_Is_Added()
    {
        var (run, journal) = Run(h => h.UseTaskLifetime<RecordingTaskLifetime>().UseTaskLifetime<SecondTaskLifetime>(), "--target=Clean");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Before:Clean", "Before:second:Clean", "Clean", "After:second:Clean", "After:Clean"], journal.Entries);
    }

    [Fact]
    public void Should_Run_A_Lifetime_Added_Twice_Once()
    {
        var (run, journal) = Run(
            h => h.UseLifetime<FirstLifetime>().UseLifetime<SecondLifetime>().UseLifetime<FirstLifetime>().UseTaskLifetime<FirstTaskLifetime>().UseTaskLifetime<FirstTaskLifetime>(),
            "--target=Clean");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            ["Setup:first", "Setup:second", "Before:first:Clean", "Clean", "After:first:Clean", "Teardown:second", "Teardown:first"],
            journal.Entries);
    }

    [Fact]
    public void Should_Tear_Down_What_Was_Set_Up_When_A_Setup_Fails_And_Run_No_Task()
    {
        var (run, journal) = Run(h => h.UseLifetime<FirstLifetime>().UseLifetime<ThrowingSetupLifetime>().UseLifetime<ThirdLifetime>(), "--target=Clean");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Equal(["Setup:first", "Setup:throwing", "Teardown:throwing", "Teardown:first"], journal.Entries);
        Assert.Contains("cannot reach the registry", run.Error);
    }

    [Fact]
    public void Should_Run_Every_Teardown_When_One_Throws_And_Fail_The_Run()
    {
        var (run, journal) = Run(h => h.UseLifetime<FirstLifetime>().UseLifetime<ThrowingTeardownLifetime>().UseLifetime<ThirdLifetime>(), "--target=Clean");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Equal(["Setup:first", "Setup:throwing", "Setup:third", "Clean", "Teardown:third", "Teardown:throwing", "Teardown:first"], journal.Entries);
        Assert.Contains("cannot close the registry", run.Error);
    }
}
