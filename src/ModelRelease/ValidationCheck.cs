namespace ModelRelease;

/// <summary>One row of a validation report: what was checked, what was found, what the policy wanted.</summary>
/// <param name="Name">What was checked, e.g. <c>accuracy ≥ 0.85</c> or <c>accuracy vs stable v2</c>.</param>
/// <param name="Actual">What the candidate has, e.g. <c>0.91</c>, <c>0.91 (-0.02)</c> or <c>missing</c>.</param>
/// <param name="Expected">What the policy demands, e.g. <c>at least 0.85</c> or <c>drop ≤ 0.01</c>.</param>
/// <param name="Passed">True when the candidate met it.</param>
public sealed record ValidationCheck(string Name, string Actual, string Expected, bool Passed)
{
    /// <summary>
    /// The outcome in words when the row alone does not say it: why a failure failed and how to fix it (the report's
    /// summary quotes it), or why a row passed without a real comparison ("no baseline", "optional").
    /// </summary>
    public string? Note { get; init; }
}
