using ModelRelease.Cake.Tests.Fixtures;

namespace ModelRelease.Cake.Tests;

public sealed class HostOutputTests
{
    private static HostRun Run(params string[] args) => HostRun.Of(h => h.UseContext<JournalContext>().AddTasks(GraphTasks.All), args);

    [Fact]
    public void Should_Show_The_Tree_Of_A_Target()
    {
        var run = Run("--tree", "--target=Pack");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        Assert.Equal("Pack", lines[0]);
        Assert.Contains(lines, l => l.Contains("├── Build"));
        Assert.Contains(lines, l => l.Contains("│   ├── Restore"));
        Assert.Contains(lines, l => l.Contains("│   └── Lint"));
        Assert.Contains(lines, l => l.Contains("└── Restore"));
    }

    [Fact]
    public void Should_Show_A_Tree_For_Every_Root_Task_Without_A_Target()
    {
        var run = Run("--tree");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Pack", run.Output);
        Assert.Contains("Restore-First", run.Output);
        Assert.Contains("Clean Remove outputs", run.Output);
    }

    [Fact]
    public void Should_List_Tasks_With_Descriptions_And_Arguments()
    {
        var run = HostRun.Of(h => h.UseContext<JournalContext>().AddTasks(typeof(TypedTask), typeof(CleanTask)), "--description");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Remove outputs", run.Output);
        Assert.Contains("--model (required)", run.Output);
    }

    [Fact]
    public void Should_Print_Help_With_Options_Targets_And_Arguments()
    {
        var run = HostRun.Of(h => h.UseContext<JournalContext>().AddTasks(typeof(TypedTask), typeof(CleanTask)), "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage: ./build.sh --target=TASK", run.Output);
        Assert.Contains("--dryrun (--noop, --whatif)", run.Output);
        Assert.Contains("Typed", run.Output);
        Assert.Contains("--model", run.Output);
        Assert.Contains("Exit codes: 0 done, 1 a task failed, 2 usage error, 3 a release gate said no.", run.Output);
    }

    [Fact]
    public void Should_Print_The_Version()
    {
        var run = Run("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Cake.Core 7.0.0", run.Output);
    }
}
