using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>Moves stable to the canary version (or <c>--version</c>) and clears the canary, in one change.</summary>
[TaskName("Promote")]
[TaskDescription("Move stable to the canary version (or --version) and clear the canary")]
public sealed class PromoteTask : ReleaseTask
{
    /// <summary><c>--model</c>, required.</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.Required();

    /// <summary><c>--version</c>: the version to promote.</summary>
    public static readonly Argument<string?> Version = ReleaseArguments.Version.WithDescription("the version to promote (default: the canary)");

    /// <summary><c>--reason</c>, recorded in the audit log.</summary>
    public static readonly Argument<string?> Reason = ReleaseArguments.Reason.WithExample("canary healthy for 24h");

    /// <inheritdoc />
    protected override void Release(ReleaseContext context) =>
        context.Commands.Apply(context.Release.PlanPromote(context.RequireModel(), context.Version, context.Reason));

    /// <inheritdoc />
    protected override void PlanRelease(ReleaseContext context, ChangePlan plan) =>
        context.Commands.Plan(context.Release.PlanPromote(context.RequireModel(), context.Version, context.Reason), plan);
}
