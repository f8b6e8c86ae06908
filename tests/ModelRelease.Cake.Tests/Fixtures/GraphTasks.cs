namespace ModelRelease.Cake.Tests.Fixtures;

// A small graph: Pack -> (Build -> (Restore -> Clean), Lint via IsDependeeOf), Restore.

[TaskName("Clean")]
[TaskDescription("Remove outputs")]
public sealed class CleanTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("Clean");
}

public sealed class RestoreTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("Restore");
}

[TaskName("Build")]
[IsDependentOn(typeof(RestoreTask))]
public sealed class BuildStepTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("Build");
}

[TaskName("Lint")]
[IsDependeeOf(typeof(BuildStepTask))]
public sealed class LintTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("Lint");
}

[TaskName("Pack")]
[IsDependentOn(typeof(BuildStepTask))]
[IsDependentOn(typeof(RestoreTask))]
public sealed class PackTask : AsyncPipelineTask<JournalContext>
{
    public override async Task RunAsync(JournalContext context)
    {
        await Task.Yield();
        context.Journal.Add("Pack");
    }
}

[TaskName("Restore-First")]
[IsDependentOn(typeof(CleanTask))]
public sealed class RestoreAfterCleanTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("Restore-First");
}

public static class GraphTasks
{
    public static readonly Type[] All =
        [typeof(CleanTask), typeof(RestoreTask), typeof(BuildStepTask), typeof(LintTask), typeof(PackTask), typeof(RestoreAfterCleanTask)];
}
