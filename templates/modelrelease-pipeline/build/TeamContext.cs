using Cake.Core;
using ModelRelease;
using ModelRelease.Pipelines;

namespace TeamPipeline;

/// <summary>
/// This repository's release context: the stock release arguments (<c>--model</c>, <c>--root</c>, <c>--version</c>,
/// ...) from <see cref="ReleaseContext"/>, plus the release policies of this team's models.
/// </summary>
public sealed class TeamContext(ICakeContext context) : ReleaseContext(context)
{
    /// <summary>Where Notify appends its lines: <c>.build/notifications.log</c> under the working directory.</summary>
    public string NotificationsLog => Path.Combine(Environment.WorkingDirectory.FullPath, ".build", "notifications.log");

    /// <summary>
    /// What Validate checks before Push, and how Canary and Prune behave, per model. The sample model's policy is
    /// the same as models/sentiment/policy.json (which <c>--policy</c> takes instead); edit both, or keep one.
    /// </summary>
    protected override IEnumerable<ReleasePolicy> DeclarePolicies() =>
    [
        ReleasePolicy.For("sentiment")
            .RequireArtifact(ArtifactFormat.TensorFlowSavedModel)                             // saved_model.pb(txt) and variables/
            .Metric(MetricRule.Higher("accuracy").AtLeastValue(0.88).MayDropBy(0.01))          // absolute tolerance against stable
            .Metric(MetricRule.Lower("latency_p99_ms").AtMostValue(60).MayGrowByPercent(10))  // relative tolerance against stable
            .Metric(MetricRule.Higher("f1").MayDropByPercent(2).Optional())
            .WithCanarySteps(10, 50)                                                           // Canary's default weight, then the next step
            .Keeping(5),                                                                       // Prune's default --keep
    ];
}
