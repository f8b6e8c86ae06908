using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// Deletes the files of old versions, keeping the newest <c>--keep</c> and every protected one (labelled or the
/// previous stable); their metadata stays for the audit. Without <c>--keep</c> the policy's retention applies.
/// </summary>
[TaskName("Prune")]
[TaskDescription("Delete old versions' files, keeping the newest --keep and every protected one")]
[TaskArgument("model", "model name", Required = true, Example = "sentiment")]
[TaskArgument("keep", "versions kept besides protected ones (default: the policy's, else 5)", Example = "5")]
[TaskArgument("reason", "free text recorded in the audit log", Example = "disk at 80%")]
[TaskArgument("policy", "a release policy JSON file overriding the host's", Example = "policy.json")]
public class PruneTask : ReleaseTask
{
    /// <inheritdoc />
    protected override void Release(ReleaseContext context)
    {
        var model = context.RequireModel();
        context.Results.Set(context.Commands.Prune(model, Keep(context, model), context.Reason));
    }

    /// <inheritdoc />
    protected override void PlanRelease(ReleaseContext context, ChangePlan plan)
    {
        var model = context.RequireModel();
        context.Results.Set(context.Commands.PlanPrune(model, Keep(context, model), plan));
    }

    private static int Keep(ReleaseContext context, string model) =>
        context.IsKeepGiven ? context.Keep : context.FindPolicy(model)?.Keep ?? context.Keep;
}
