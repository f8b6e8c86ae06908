using ModelRelease.Cake;
using Spectre.Console;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// Points canary at a blessed version (default: the newest blessed one) with a share of traffic, next to stable.
/// Without <c>--weight</c> the canary starts at the policy's first canary step.
/// </summary>
[TaskName("Canary")]
[TaskDescription("Send a share of traffic to a blessed version next to stable")]
public class CanaryTask : ReleaseStepTask
{
    /// <summary><c>--model</c>, required.</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.Required();

    /// <summary><c>--version</c>: the version to canary.</summary>
    public static readonly Argument<string?> Version = ReleaseArguments.Version.WithDescription("the version to canary (default: the newest blessed one)");

    /// <summary><c>--weight</c>: the canary's share of traffic.</summary>
    public static readonly Argument<int> Weight = ReleaseArguments.Weight.WithDescription("canary traffic percentage; without it, the policy's first canary step");

    /// <summary><c>--reason</c>, recorded in the audit log.</summary>
    public static readonly Argument<string?> Reason = ReleaseArguments.Reason.WithExample("new tokenizer");

    /// <summary><c>--policy</c>, overriding the host's.</summary>
    public static readonly Argument<string?> Policy = ReleaseArguments.Policy;

    /// <summary><c>--serving-url</c>: the model server to wait for before the label moves.</summary>
    public static readonly Argument<string?> ServingUrl = ReleaseArguments.ServingUrl;

    /// <summary><c>--serving-timeout</c>: how long to wait for it.</summary>
    public static readonly Argument<TimeSpan> ServingTimeout = ReleaseArguments.ServingTimeout;

    /// <inheritdoc />
    protected override void Release(ReleaseContext context)
    {
        base.Release(context);
        var model = context.RequireModel();
        var policy = context.FindPolicy(model);
        var nextStep = policy?.CanarySteps.FirstOrDefault(step => step > WeightOf(context, policy)) ?? 0;
        // The advice names the version: without it, Canary picks the newest blessed version, which a push since may have changed.
        var canary = context.ModelRegistry.VersionAt(model, LabelNames.Canary)?.Name;
        context.Console.WriteLine(nextStep > 0 && canary is not null
            ? $"Next: raise the canary with --version={DisplayText.Escape(canary)} --weight={nextStep} when it looks healthy, then Promote; or Rollback to abort it."
            : "Next: Promote when it looks healthy, or Rollback to abort it.");
    }

    /// <inheritdoc />
    protected override ReleaseStep Step(ReleaseContext context)
    {
        var model = context.RequireModel();
        return context.Release.PlanCanary(model, context.Version, WeightOf(context, context.FindPolicy(model)), context.Reason);
    }

    private static int WeightOf(ReleaseContext context, ReleasePolicy? policy) =>
        context.IsWeightGiven || policy is null || policy.CanarySteps.Count == 0 ? context.Weight : policy.CanarySteps[0];
}
