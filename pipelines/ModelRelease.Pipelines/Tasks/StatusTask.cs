using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>Prints the newest live versions of a model (or of all models; --all for every one) with provenance, key metrics, blessing, labels and traffic.</summary>
[TaskName("Status")]
[TaskDescription("Show versions with provenance, metrics, blessing, labels and traffic (table or JSON)")]
public class StatusTask : PipelineTask<ReleaseContext>
{
    /// <summary><c>--model</c>: one model, or every one.</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.WithDescription("model name (default: every model)");

    /// <summary><c>--limit</c>: how many of the newest versions each model shows.</summary>
    public static readonly Argument<int> Limit = Argument.Int32("limit", "newest versions shown per model (labelled ones always are)", 20).Between(1, 1_000_000);

    /// <summary><c>--all</c>: pruned versions too, and no limit unless one is given.</summary>
    public static readonly Argument<bool> All = Argument.Flag("all", "every version, pruned ones included (with --limit: the newest that many)");

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
        var all = context.Get(All);
        var query = new VersionQuery(IncludePruned: all, Newest: all && !context.IsGiven(Limit) ? null : context.Get(Limit));
        context.Commands.Status(context.Model, query, context.Format == "json");
    }

    /// <summary>It only reads: a dry run says it would change nothing (and does not read the store).</summary>
    public override void Plan(ReleaseContext context, ChangePlan plan)
    {
    }
}
