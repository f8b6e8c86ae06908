using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>Sets golden or a custom label on a version, or clears it with <c>--clear</c>.</summary>
[TaskName("Label")]
[TaskDescription("Set golden or a custom label on a version, or clear it with --clear")]
[TaskArgument("model", "model name", Required = true, Example = "sentiment")]
[TaskArgument("label", "golden or a label of your own (stable and canary move through Promote, Canary and Rollback)", Required = true, Example = "golden")]
[TaskArgument("version", "the version to label", Example = "v-20261128-101500")]
[TaskArgument("clear", "remove the label instead of setting it", IsFlag = true)]
[TaskArgument("reason", "free text recorded in the audit log", Example = "best offline eval")]
public class LabelTask : ReleaseTask
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

    /// <summary>The label step, planned on the registry as it is now (or, in a dry run, as the tasks before would leave it).</summary>
    protected virtual ReleaseStep Step(ReleaseContext context)
    {
        var label = context.Label ?? throw new PipelineUsageException("Label needs --label, e.g. --label=golden.");
        if (context.Clear == (context.Version is not null))
        {
            throw new PipelineUsageException(context.Clear
                ? "Give either --version (to set the label) or --clear (to remove it), not both."
                : $"Label needs --version=<name> to set '{label}', or --clear to remove it.");
        }

        return context.Release.PlanLabel(context.RequireModel(), label, context.Version, context.Reason);
    }
}
