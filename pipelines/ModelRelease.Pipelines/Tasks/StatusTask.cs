using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>Prints every version of a model (or of all models) with provenance, key metrics, blessing, labels and traffic.</summary>
[TaskName("Status")]
[TaskDescription("Show versions with provenance, metrics, blessing, labels and traffic (table or JSON)")]
[TaskArgument("model", "model name (default: every model)", Example = "sentiment")]
[TaskArgument("format", "table or json", Example = "json")]
public class StatusTask : PipelineTask<ReleaseContext>
{
    /// <inheritdoc />
    public override void Run(ReleaseContext context) => context.Commands.Status(context.Model, context.Format == "json");
}
