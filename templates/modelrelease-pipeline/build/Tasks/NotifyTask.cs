using ModelRelease;
using ModelRelease.Cake;
using Spectre.Console;

namespace TeamPipeline.Tasks;

/// <summary>
/// Announces the release step this run made (Canary, Promote, Rollback or Label): one line on the console and in
/// <c>.build/notifications.log</c>. Put it last: <c>./build.sh -t Promote -t Notify ...</c>. A team would post the
/// same line to its chat or incident tool here.
/// </summary>
[TaskName("Notify")]
[TaskDescription("Announce the release step this run made")]
public sealed class NotifyTask : PipelineTask<TeamContext>
{
    public override void Run(TeamContext context)
    {
        if (Message(context) is not { } message)
        {
            context.Console.WriteLine("Notify: no release step ran before it in this run; nothing to announce.");
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(context.NotificationsLog)!);
        File.AppendAllText(context.NotificationsLog, $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {message}{System.Environment.NewLine}");
        context.Console.WriteLine($"Notify: {message}");
    }

    public override void Plan(TeamContext context, ChangePlan plan)
    {
        if (Message(context) is { } message)
        {
            plan.Add(ChangeKind.Write, $"append to {context.NotificationsLog}: {message}");
        }
    }

    private static string? Message(TeamContext context) =>
        context.Released is { } released ? $"{released.Model}: {released.Task}: {released.Summary}" : null;
}
