using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>Moves stable to the canary version (or <c>--version</c>) and clears the canary, in one change.</summary>
[TaskName("Promote")]
[TaskDescription("Move stable to the canary version (or --version) and clear the canary")]
[TaskArgument("model", "model name", Required = true, Example = "sentiment")]
[TaskArgument("version", "the version to promote (default: the canary)", Example = "v-20261128-101500")]
[TaskArgument("reason", "free text recorded in the audit log", Example = "canary healthy for 24h")]
public class PromoteTask : ReleaseTask
{
    /// <inheritdoc />
    protected override void Release(ReleaseContext context)
    {
        var step = Step(context);
        context.Commands.Apply(step);
        Released(context, step);
    }

    /// <inheritdoc />
    protected override void PlanRelease(ReleaseContext context, ChangePlan plan)
    {
        var step = Step(context);
        context.Commands.Plan(step, plan);
        Released(context, step);
    }

    /// <summary>The promotion, planned on the registry as it is now (or, in a dry run, as the tasks before would leave it).</summary>
    protected virtual ReleaseStep Step(ReleaseContext context) =>
        context.Release.PlanPromote(context.RequireModel(), context.Version, context.Reason);
}
