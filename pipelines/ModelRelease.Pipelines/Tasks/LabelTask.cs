using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>Sets golden or a custom label on a version, or clears it with <c>--clear</c>.</summary>
[TaskName("Label")]
[TaskDescription("Set golden or a custom label on a version, or clear it with --clear")]
public class LabelTask : ReleaseStepTask
{
    /// <summary><c>--model</c>, required.</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.Required();

    /// <summary><c>--label</c>: the label to set or clear, required.</summary>
    public static readonly Argument<string?> Label = ReleaseArguments.Label.WithDescription("golden or a label of your own (stable and canary move through Promote, Canary and Rollback)").Required();

    /// <summary><c>--version</c>: the version to label.</summary>
    public static readonly Argument<string?> Version = ReleaseArguments.Version.WithDescription("the version to label");

    /// <summary><c>--clear</c>: remove the label.</summary>
    public static readonly Argument<bool> Clear = ReleaseArguments.Clear.WithDescription("remove the label instead of setting it");

    /// <summary><c>--reason</c>, recorded in the audit log.</summary>
    public static readonly Argument<string?> Reason = ReleaseArguments.Reason.WithExample("best offline eval");

    /// <inheritdoc />
    protected override ReleaseStep Step(ReleaseContext context)
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
