using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// Deletes the files of old versions, keeping the newest <c>--keep</c> and every protected one (labelled or the
/// previous stable); their metadata stays for the audit. Without <c>--keep</c> the policy's retention applies.
/// </summary>
[TaskName("Prune")]
[TaskDescription("Delete old versions' files, keeping the newest --keep and every protected one")]
public class PruneTask : ReleaseTask
{
    /// <summary><c>--model</c>, required.</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.Required();

    /// <summary><c>--keep</c>: versions kept besides protected ones.</summary>
    public static readonly Argument<int> Keep = ReleaseArguments.Keep.WithDescription("versions kept besides protected ones; without it, the policy's");

    /// <summary><c>--reason</c>, recorded in the audit log.</summary>
    public static readonly Argument<string?> Reason = ReleaseArguments.Reason.WithExample("disk at 80%");

    /// <summary><c>--policy</c>, overriding the host's.</summary>
    public static readonly Argument<string?> Policy = ReleaseArguments.Policy;

    /// <inheritdoc />
    protected override void Release(ReleaseContext context)
    {
        var model = context.RequireModel();
        context.Results.Set(context.Commands.Prune(model, KeepOf(context, model), context.Reason));
    }

    /// <inheritdoc />
    protected override void PlanRelease(ReleaseContext context, ChangePlan plan)
    {
        var model = context.RequireModel();
        context.Results.Set(context.Commands.PlanPrune(model, KeepOf(context, model), plan));
    }

    private static int KeepOf(ReleaseContext context, string model) =>
        context.IsKeepGiven ? context.Keep : context.FindPolicy(model)?.Keep ?? context.Keep;
}
