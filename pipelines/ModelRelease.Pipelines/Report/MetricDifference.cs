namespace ModelRelease.Pipelines.Report;

/// <summary>One metric of two versions compared.</summary>
/// <param name="Name">The metric.</param>
/// <param name="Baseline">The baseline's value, or null when it has none.</param>
/// <param name="Candidate">The candidate's value, or null when it has none.</param>
/// <param name="Verdict">What the policy says of the candidate's value against the baseline.</param>
/// <param name="Detail">Why, for a failed verdict (the rule that failed); null otherwise.</param>
public sealed record MetricDifference(string Name, double? Baseline, double? Candidate, MetricVerdict Verdict, string? Detail)
{
    /// <summary>Candidate minus baseline, when both are known.</summary>
    public double? Difference => Baseline is { } b && Candidate is { } c ? c - b : null;
}
