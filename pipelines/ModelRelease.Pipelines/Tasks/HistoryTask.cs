using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>Prints the audit log, filtered by model, label and time.</summary>
[TaskName("History")]
[TaskDescription("Show the audit log, filtered by --model, --label and --since (table or JSON)")]
[TaskArgument("model", "only this model's events", Example = "sentiment")]
[TaskArgument("label", "only events that moved this label", Example = "stable")]
[TaskArgument("since", "only events since an ISO time or an age (90m, 12h, 7d)", Example = "7d")]
[TaskArgument("format", "table or json", Example = "json")]
public class HistoryTask : PipelineTask<ReleaseContext>
{
    /// <inheritdoc />
    public override void Run(ReleaseContext context) =>
        context.Commands.History(new EventQuery(context.Model, context.Label, context.Since), context.Format == "json");
}
