using ModelRelease.Cake;
using Spectre.Console;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// Points canary at a blessed version (default: the newest blessed one) with a share of traffic, next to stable.
/// Without <c>--weight</c> the canary starts at the policy's first canary step.
/// </summary>
[TaskName("Canary")]
[TaskDescription("Send a share of traffic to a blessed version next to stable")]
[TaskArgument("model", "model name", Required = true, Example = "sentiment")]
[TaskArgument("version", "the version to canary (default: the newest blessed one)", Example = "v-20261128-101500")]
[TaskArgument("weight", "canary traffic percentage, 1-99 (default: the policy's first step, else 10)", Example = "10")]
[TaskArgument("reason", "free text recorded in the audit log", Example = "new tokenizer")]
[TaskArgument("policy", "a release policy JSON file overriding the host's", Example = "policy.json")]
public class CanaryTask : ReleaseTask
{
    /// <inheritdoc />
    protected override void Release(ReleaseContext context)
    {
        var model = context.RequireModel();
        var policy = context.FindPolicy(model);
        var weight = Weight(context, policy);
        var step = context.Release.PlanCanary(model, context.Version, weight, context.Reason);
        context.Commands.Apply(step);
        Released(context, step);
        var nextStep = policy?.CanarySteps.FirstOrDefault(step => step > weight) ?? 0;
        // The advice names the version: without it, Canary picks the newest blessed version, which a push since may have changed.
        var canary = context.ModelRegistry.VersionAt(model, LabelNames.Canary)?.Name;
        context.Console.WriteLine(nextStep > 0 && canary is not null
            ? $"Next: raise the canary with --version={DisplayText.Escape(canary)} --weight={nextStep} when it looks healthy, then Promote; or Rollback to abort it."
            : "Next: Promote when it looks healthy, or Rollback to abort it.");
    }

    /// <inheritdoc />
    protected override void PlanRelease(ReleaseContext context, ChangePlan plan)
    {
        var model = context.RequireModel();
        var step = context.Release.PlanCanary(model, context.Version, Weight(context, context.FindPolicy(model)), context.Reason);
        context.Commands.Plan(step, plan);
        Released(context, step);
    }

    private static int Weight(ReleaseContext context, ReleasePolicy? policy) =>
        context.IsWeightGiven || policy is null || policy.CanarySteps.Count == 0 ? context.Weight : policy.CanarySteps[0];
}
