using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// Aborts a canary in progress (no <c>--to</c>), or moves stable back to <c>--to</c>: previous (the default),
/// golden, or a version name. The reason is recorded.
/// </summary>
[TaskName("Rollback")]
[TaskDescription("Abort the canary, or move stable back to --to (previous, golden or a version)")]
public class RollbackTask : ReleaseStepTask
{
    /// <summary><c>--model</c>, required.</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.Required();

    /// <summary><c>--to</c>: where stable goes back to.</summary>
    public static readonly Argument<string?> To = ReleaseArguments.To;

    /// <summary><c>--reason</c>, recorded in the audit log.</summary>
    public static readonly Argument<string?> Reason = ReleaseArguments.Reason.WithExample("p99 latency doubled");

    /// <summary><c>--policy</c>, overriding the host's (its router files follow the move).</summary>
    public static readonly Argument<string?> Policy = ReleaseArguments.Policy;

    /// <summary><c>--serving-url</c>: the model server to wait for before the label moves.</summary>
    public static readonly Argument<string?> ServingUrl = ReleaseArguments.ServingUrl;

    /// <summary><c>--serving-timeout</c>: how long to wait for it.</summary>
    public static readonly Argument<TimeSpan> ServingTimeout = ReleaseArguments.ServingTimeout;

    /// <inheritdoc />
    protected override ReleaseStep Step(ReleaseContext context) =>
        context.Release.PlanRollback(context.RequireModel(), context.To, context.Reason);
}
