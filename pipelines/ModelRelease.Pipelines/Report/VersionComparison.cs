namespace ModelRelease.Pipelines.Report;

/// <summary>Two versions of a model side by side: the baseline (usually stable) and the candidate (usually canary).</summary>
/// <param name="Model">The model.</param>
/// <param name="Baseline">The version compared against.</param>
/// <param name="Candidate">The version compared.</param>
/// <param name="Metrics">Every metric either has, with the difference and the policy's verdict on the candidate.</param>
/// <param name="Hyperparameters">Every hyperparameter either has, equal ones included.</param>
/// <param name="Files">Files added, removed or changed from baseline to candidate; empty when a manifest is unknown.</param>
/// <param name="ManifestsKnown">False when either version's manifest was not in the store, so <paramref name="Files"/> says nothing.</param>
public sealed record VersionComparison(
    string Model,
    ModelVersion Baseline,
    ModelVersion Candidate,
    IReadOnlyList<MetricDifference> Metrics,
    IReadOnlyList<ValueDifference> Hyperparameters,
    IReadOnlyList<FileDifference> Files,
    bool ManifestsKnown)
{
    /// <summary>True when the two versions were trained on different dataset versions.</summary>
    public bool DatasetChanged => Baseline.Dataset.Value != Candidate.Dataset.Value;
}
