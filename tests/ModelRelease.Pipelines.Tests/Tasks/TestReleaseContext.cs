using Cake.Core;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>A host's context as a team writes one: the stock release context plus a policy declared in C#.</summary>
public sealed class TestReleaseContext(ICakeContext context) : ReleaseContext(context)
{
    /// <summary>mnist: a SavedModel; accuracy at least 0.8, at most 0.01 below stable; p99 latency at most 100 ms, at most 10% above stable.</summary>
    public static ReleasePolicy Mnist { get; } = ReleasePolicy.For("mnist")
        .RequireArtifact(ArtifactFormat.TensorFlowSavedModel)
        .Metric(MetricRule.Higher("accuracy").AtLeastValue(0.8).MayDropBy(0.01))
        .Metric(MetricRule.Lower("latency_p99_ms").AtMostValue(100).MayGrowByPercent(10))
        .WithCanarySteps(20, 50)
        .Keeping(3);

    protected override IEnumerable<ReleasePolicy> DeclarePolicies() => [Mnist];
}
