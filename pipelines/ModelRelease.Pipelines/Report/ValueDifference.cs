namespace ModelRelease.Pipelines.Report;

/// <summary>One named text value (a hyperparameter) of two versions; null where a version has none.</summary>
public sealed record ValueDifference(string Name, string? Baseline, string? Candidate)
{
    /// <summary>True when the two differ.</summary>
    public bool Changed => Baseline != Candidate;
}
