namespace ModelRelease.Onnx;

/// <summary>
/// The InfraValidator's verdict on a candidate: could it load, does its signature keep stable's clients working,
/// did it answer the warm-up requests within the policy's latency bound. A candidate that could not be loaded here
/// is <see cref="InfraCheckOutcome.NotChecked"/>, never passed.
/// </summary>
/// <param name="Model">The model.</param>
/// <param name="Checks">Every check, in order.</param>
/// <param name="Baseline">The stable version compared against, or null.</param>
public sealed record InfraValidationReport(string Model, IReadOnlyList<InfraCheck> Checks, string? Baseline)
{
    /// <summary>Failed when any check failed; not checked when the candidate could not be loaded here; else passed.</summary>
    public InfraCheckOutcome Outcome =>
        Checks.Any(c => c.Outcome == InfraCheckOutcome.Failed) ? InfraCheckOutcome.Failed
        : Checks.Count == 0 || Checks[0].Outcome == InfraCheckOutcome.NotChecked ? InfraCheckOutcome.NotChecked
        : InfraCheckOutcome.Passed;

    /// <summary>The p99 latency of the measured warm-up requests, in milliseconds, when they ran.</summary>
    public double? LatencyP99Ms { get; init; }

    /// <summary>The failed checks as one sentence, for the gate's message.</summary>
    public string FailureText() => string.Join("; ", Checks.Where(c => c.Outcome == InfraCheckOutcome.Failed).Select(c => $"{c.Name}: {c.Actual} (expected {c.Expected})"));

    /// <summary>What to record: the outcome and every check.</summary>
    public object Evidence() => new
    {
        outcome = Outcome.ToString(),
        baseline = Baseline,
        latencyP99Ms = LatencyP99Ms,
        checks = Checks.Select(c => new { name = c.Name, actual = c.Actual, expected = c.Expected, outcome = c.Outcome.ToString() }),
    };
}
