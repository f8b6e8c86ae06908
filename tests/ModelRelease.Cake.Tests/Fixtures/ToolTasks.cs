namespace ModelRelease.Cake.Tests.Fixtures;

/// <summary>Resolves the command the cake.tool package installs, as a task using a tool would.</summary>
[TaskName("Resolve-Tool")]
public sealed class ResolveToolTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("run " + Resolved(context));

    public override void Plan(JournalContext context, ChangePlan plan) => context.Journal.Add("plan " + Resolved(context));

    private static string Resolved(JournalContext context) => context.Tools.Resolve("dotnet-cake")?.FullPath ?? "none";
}
