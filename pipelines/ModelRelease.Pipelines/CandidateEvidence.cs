using ModelRelease.Onnx;

namespace ModelRelease.Pipelines;

/// <summary>
/// What was measured on a candidate in this run, before Validate: Evaluate's scores of candidate and stable on the
/// same data (stable's become the regression baseline) and InfraValidate's servability checks. Validate records both
/// with its verdict.
/// </summary>
/// <param name="Evaluation">Evaluate's result, or null when it did not run.</param>
/// <param name="InfraValidation">InfraValidate's report, or null when it did not run.</param>
public sealed record CandidateEvidence(EvaluationComparison? Evaluation, InfraValidationReport? InfraValidation)
{
    /// <summary>Stable's metrics measured beside the candidate, when Evaluate scored stable.</summary>
    public IReadOnlyDictionary<string, double>? StableMetrics => Evaluation?.Baseline?.Metrics;

    /// <summary>Adds the evidence to <paramref name="report"/>: where the baseline came from, and both results as attachments.</summary>
    public ValidationReport Attach(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var attachments = new Dictionary<string, object?>(report.Attachments, StringComparer.Ordinal);
        if (Evaluation is not null)
        {
            attachments["evaluation"] = Evaluation.Evidence();
        }

        if (InfraValidation is not null)
        {
            attachments["infraValidation"] = InfraValidation.Evidence();
        }

        var source = Evaluation is { Baseline: not null } e
            ? $"stable {e.BaselineVersion} scored beside the candidate on {Path.GetFileName(e.Set.Path)} ({e.Set.Digest[..19]}…, {e.Set.Examples} examples)"
            : null;
        return report with { Attachments = attachments, BaselineSource = source ?? report.BaselineSource };
    }
}
