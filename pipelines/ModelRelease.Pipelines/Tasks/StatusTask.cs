using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>Prints every version of a model (or of all models) with provenance, key metrics, blessing, labels and traffic.</summary>
[TaskName("Status")]
[TaskDescription("Show versions with provenance, metrics, blessing, labels and traffic (table or JSON)")]
public class StatusTask : PipelineTask<ReleaseContext>
{
    /// <summary><c>--model</c>: one model, or every one.</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.WithDescription("model name (default: every model)");

    /// <summary><c>--format</c>: table or JSON.</summary>
    public static readonly Argument<string> Format = ReleaseArguments.Format;

    /// <summary><c>--root</c>: the root whose store is read.</summary>
    public static readonly Argument<string?> Root = ReleaseArguments.Root;

    /// <summary><c>--registry</c>: the store read.</summary>
    public static readonly Argument<string?> Registry = ReleaseArguments.Registry;

    /// <inheritdoc />
    public override void Run(ReleaseContext context) => context.Commands.Status(context.Model, context.Format == "json");

    /// <summary>It only reads: a dry run says it would change nothing (and does not read the store).</summary>
    public override void Plan(ReleaseContext context, ChangePlan plan)
    {
    }
}
