using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>Prints the audit log, filtered by model, label and time.</summary>
[TaskName("History")]
[TaskDescription("Show the audit log, filtered by --model, --label and --since (table or JSON)")]
public class HistoryTask : PipelineTask<ReleaseContext>
{
    /// <summary><c>--model</c>: a filter.</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.WithDescription("only this model's events");

    /// <summary><c>--label</c>: a filter.</summary>
    public static readonly Argument<string?> Label = ReleaseArguments.Label.WithDescription("only events that moved this label").WithExample("stable");

    /// <summary><c>--since</c>: a filter.</summary>
    public static readonly Argument<DateTimeOffset?> Since = ReleaseArguments.Since;

    /// <summary><c>--format</c>: table or JSON.</summary>
    public static readonly Argument<string> Format = ReleaseArguments.Format;

    /// <summary><c>--root</c>: the root whose store is read.</summary>
    public static readonly Argument<string?> Root = ReleaseArguments.Root;

    /// <summary><c>--registry</c>: the store read.</summary>
    public static readonly Argument<string?> Registry = ReleaseArguments.Registry;

    /// <inheritdoc />
    public override void Run(ReleaseContext context) =>
        context.Commands.History(new EventQuery(context.Model, context.Label, context.Since), context.Format == "json");

    /// <summary>It only reads: a dry run says it would change nothing (and does not read the store).</summary>
    public override void Plan(ReleaseContext context, ChangePlan plan)
    {
    }
}
