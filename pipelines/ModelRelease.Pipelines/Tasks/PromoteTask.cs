using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>Moves stable to the canary version (or <c>--version</c>) and clears the canary, in one change.</summary>
[TaskName("Promote")]
[TaskDescription("Move stable to the canary version (or --version) and clear the canary")]
public class PromoteTask : ReleaseStepTask
{
    /// <summary><c>--model</c>, required.</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.Required();

    /// <summary><c>--version</c>: the version to promote.</summary>
    public static readonly Argument<string?> Version = ReleaseArguments.Version.WithDescription("the version to promote (default: the canary)");

    /// <summary><c>--reason</c>, recorded in the audit log.</summary>
    public static readonly Argument<string?> Reason = ReleaseArguments.Reason.WithExample("canary healthy for 24h");

    /// <summary><c>--policy</c>, overriding the host's (its router files follow the move).</summary>
    public static readonly Argument<string?> Policy = ReleaseArguments.Policy;

    /// <summary><c>--serving-url</c>: the model server to wait for before the label moves.</summary>
    public static readonly Argument<string?> ServingUrl = ReleaseArguments.ServingUrl;

    /// <summary><c>--serving-timeout</c>: how long to wait for it.</summary>
    public static readonly Argument<TimeSpan> ServingTimeout = ReleaseArguments.ServingTimeout;

    /// <inheritdoc />
    protected override ReleaseStep Step(ReleaseContext context) =>
        context.Release.PlanPromote(context.RequireModel(), context.Version, context.Reason);
}
