using ModelRelease.Cake.Tests.Fixtures;

namespace ModelRelease.Cake.Tests;

public sealed class HostEnvironmentTests
{
    [Fact]
    public void Should_Give_The_Context_The_Host_Working_Directory_Without_Changing_The_Process_One()
    {
        var before = Environment.CurrentDirectory;
        var directory = Directory.CreateTempSubdirectory("modelrelease-cwd-").FullName;
        try
        {
            var (journal, key) = JournalContext.Open();
            var run = HostRun.Of(h => h.UseContext<JournalContext>().AddTask<WorkingDirectoryProbeTask>().UseWorkingDirectory(directory), "--target=Working-Directory", key);

            Assert.Equal(0, run.ExitCode);
            Assert.Equal([directory], journal.Entries);
            Assert.Equal(before, Environment.CurrentDirectory);
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Fact]
    public void Should_Overlay_Environment_Variables_Without_Changing_The_Process_Environment()
    {
        var (journal, key) = JournalContext.Open();
        var run = HostRun.Of(h => h.UseContext<JournalContext>().AddTask<WorkingDirectoryProbeTask>().UseEnvironmentVariable("MODELRELEASE_PROBE", "on"), "--target=Working-Directory", key);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("on", Assert.Single(journal.Entries.Skip(1)));
        Assert.Null(Environment.GetEnvironmentVariable("MODELRELEASE_PROBE"));
    }
}

[TaskName("Working-Directory")]
public sealed class WorkingDirectoryProbeTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context)
    {
        context.Journal.Add(context.Environment.WorkingDirectory.FullPath);
        if (context.Environment.GetEnvironmentVariable("MODELRELEASE_PROBE") is { } probe)
        {
            context.Journal.Add(probe);
        }
    }
}
