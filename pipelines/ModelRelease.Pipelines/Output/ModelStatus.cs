namespace ModelRelease.Pipelines.Output;

/// <summary>One model as Status shows it: its labels and every version, pruned included.</summary>
/// <param name="Model">The model name.</param>
/// <param name="Labels">Its labels.</param>
/// <param name="Versions">Its versions by serving number.</param>
public sealed record ModelStatus(string Model, IReadOnlyList<LabelAssignment> Labels, IReadOnlyList<ModelVersion> Versions)
{
    /// <summary>The canary's share of traffic in percent; 0 without a canary.</summary>
    public int CanaryWeight => Labels.FirstOrDefault(l => l.Label == LabelNames.Canary)?.Weight ?? 0;

    /// <summary>The labels pointing at <paramref name="version"/>, in reading order.</summary>
    public IEnumerable<LabelAssignment> LabelsOf(string version) => Output.Labels.Ordered(Labels.Where(l => l.Version == version));
}
