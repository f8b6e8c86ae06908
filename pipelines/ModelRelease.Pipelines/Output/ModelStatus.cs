namespace ModelRelease.Pipelines.Output;

/// <summary>One model as Status shows it: its labels, the versions shown, and how many it has in all.</summary>
/// <param name="Model">The model name.</param>
/// <param name="Labels">Its labels.</param>
/// <param name="Versions">The versions shown (the newest live ones unless --all, and every labelled one), by serving number.</param>
/// <param name="Counts">How many live and pruned versions it has, shown or not.</param>
public sealed record ModelStatus(string Model, IReadOnlyList<LabelAssignment> Labels, IReadOnlyList<ModelVersion> Versions, VersionCounts Counts)
{
    /// <summary>The serving images pushed for the model's versions (the Image task), oldest first.</summary>
    public IReadOnlyList<VersionImage> Images { get; init; } = [];

    /// <summary>The canary's share of traffic in percent; 0 without a canary.</summary>
    public int CanaryWeight => Labels.FirstOrDefault(l => l.Label == LabelNames.Canary)?.Weight ?? 0;

    /// <summary>How many versions the model has that are not shown.</summary>
    public long Hidden => Counts.Total - Versions.Count;

    /// <summary>The labels pointing at <paramref name="version"/>, in reading order.</summary>
    public IEnumerable<LabelAssignment> LabelsOf(string version) => Output.Labels.Ordered(Labels.Where(l => l.Version == version));
}
