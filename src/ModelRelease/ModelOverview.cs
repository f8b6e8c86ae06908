namespace ModelRelease;

/// <summary>One model as a status report shows it, read in one consistent snapshot.</summary>
/// <param name="Model">The model name.</param>
/// <param name="Labels">Its labels.</param>
/// <param name="Versions">The versions asked for, plus every labelled one, by serving number.</param>
/// <param name="Counts">How many live and pruned versions it has in all, shown or not.</param>
public sealed record ModelOverview(string Model, IReadOnlyList<LabelAssignment> Labels, IReadOnlyList<ModelVersion> Versions, VersionCounts Counts);
