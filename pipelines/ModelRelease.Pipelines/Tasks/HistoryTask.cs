using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>Prints the audit log newest first, filtered by model, label and time, a page at a time.</summary>
[TaskName("History")]
[TaskDescription("Show the audit log newest first, filtered by --model, --label and --since, in pages (--limit, --before)")]
public class HistoryTask : PipelineTask<ReleaseContext>
{
    /// <summary><c>--model</c>: a filter.</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.WithDescription("only this model's events");

    /// <summary><c>--label</c>: a filter.</summary>
    public static readonly Argument<string?> Label = ReleaseArguments.Label.WithDescription("only events that moved this label").WithExample("stable");

    /// <summary><c>--since</c>: a filter.</summary>
    public static readonly Argument<DateTimeOffset?> Since = ReleaseArguments.Since;

    /// <summary><c>--limit</c>: the page size.</summary>
    public static readonly Argument<int> Limit = Argument.Int32("limit", "newest events shown; the rest page back with --before", 100).Between(1, 1_000_000);

    /// <summary><c>--before</c>: the next page back, from the oldest event id of the page before.</summary>
    public static readonly Argument<long?> Before = Argument.Parsed(
            "before",
            "only events older than this event id (the next page, as the last page says)",
            text => long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 ? id : (long?)null,
            "an event id (a whole number above 0), as the page before printed it")
        .WithExample("1024");

    /// <summary><c>--format</c>: table or JSON.</summary>
    public static readonly Argument<string> Format = ReleaseArguments.Format;

    /// <summary><c>--root</c>: the root whose store is read.</summary>
    public static readonly Argument<string?> Root = ReleaseArguments.Root;

    /// <summary><c>--registry</c>: the store read.</summary>
    public static readonly Argument<string?> Registry = ReleaseArguments.Registry;

    /// <inheritdoc />
    public override void Run(ReleaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = new EventQuery(context.Model, context.Label, context.Since, Newest: context.Get(Limit), Before: context.Get(Before));
        context.Commands.History(query, context.Format == "json");
    }

    /// <summary>It only reads: a dry run says it would change nothing (and does not read the store).</summary>
    public override void Plan(ReleaseContext context, ChangePlan plan)
    {
    }
}
