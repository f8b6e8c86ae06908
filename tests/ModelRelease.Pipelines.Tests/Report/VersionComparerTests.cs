using ModelRelease.Pipelines.Report;

namespace ModelRelease.Pipelines.Tests.Report;

public sealed class VersionComparerTests
{
    [Fact]
    public void Should_Give_Each_Metric_Its_Difference_And_The_Policy_Verdict()
    {
        var comparison = VersionComparer.Compare(ReportSample.V1, null, ReportSample.V3, null, ReportSample.Policy);

        Assert.Equal(["accuracy", "f1", "latency_p99_ms"], comparison.Metrics.Select(m => m.Name));
        var accuracy = comparison.Metrics[0];
        Assert.Equal(-0.015, accuracy.Difference!.Value, 9);
        // accuracy dropped 0.015 against stable; the policy allows 0.01.
        Assert.Equal(MetricVerdict.Failed, accuracy.Verdict);
        Assert.Contains("dropped", accuracy.Detail);
        Assert.Equal(MetricVerdict.NoRule, comparison.Metrics[1].Verdict);
        Assert.Null(comparison.Metrics[1].Baseline);
        // 58 ms is 16% above 50 ms; the policy allows 10%.
        Assert.Equal(MetricVerdict.Failed, comparison.Metrics[2].Verdict);
        Assert.Equal(8, comparison.Metrics[2].Difference);
    }

    [Fact]
    public void Should_Pass_A_Metric_Within_The_Rule()
    {
        var comparison = VersionComparer.Compare(ReportSample.V1, null, ReportSample.V2, null, ReportSample.Policy);

        Assert.Equal(MetricVerdict.Passed, comparison.Metrics.Single(m => m.Name == "accuracy").Verdict);
        // v2 has no latency: a required metric that is missing fails.
        Assert.Equal(MetricVerdict.Failed, comparison.Metrics.Single(m => m.Name == "latency_p99_ms").Verdict);
    }

    [Fact]
    public void Should_List_Hyperparameter_And_Dataset_Differences()
    {
        var comparison = VersionComparer.Compare(ReportSample.V1, null, ReportSample.V3, null, null);

        Assert.True(comparison.DatasetChanged);
        Assert.Equal([("dropout", null, "0.1"), ("epochs", "10", "10"), ("lr", "0.001", "0.002")],
            comparison.Hyperparameters.Select(h => (h.Name, h.Baseline, h.Candidate)));
        Assert.Equal(["dropout", "lr"], comparison.Hyperparameters.Where(h => h.Changed).Select(h => h.Name));
        Assert.All(comparison.Metrics, m => Assert.Equal(MetricVerdict.NoRule, m.Verdict));
        Assert.False(comparison.ManifestsKnown);
        Assert.Empty(comparison.Files);
    }

    [Fact]
    public void Should_Diff_The_Manifests_Into_Added_Removed_And_Changed_Files_With_Sizes()
    {
        var comparison = VersionComparer.Compare(ReportSample.V1, ReportSample.V1Files, ReportSample.V3, ReportSample.V3Files, null);

        Assert.True(comparison.ManifestsKnown);
        Assert.Equal(
            [
                new FileDifference("assets/labels.txt", FileChange.Added, null, 7),
                new FileDifference("assets/vocab.txt", FileChange.Removed, 5, null),
                new FileDifference("saved_model.pb", FileChange.Changed, 100, 120),
            ],
            comparison.Files);
    }

    [Fact]
    public void Should_Refuse_Versions_Of_Two_Models()
    {
        var other = ReportSample.V3 with { Model = "imagenet" };

        var error = Assert.Throws<RegistryException>(() => VersionComparer.Compare(ReportSample.V1, null, other, null, null));

        Assert.Contains("pick two versions of one model", error.Message);
    }
}
