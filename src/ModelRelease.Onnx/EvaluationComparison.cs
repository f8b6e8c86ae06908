namespace ModelRelease.Onnx;

/// <summary>
/// The Evaluator's result: the candidate and the current stable scored on the same evaluation set in one run. It
/// feeds Validate (stable's numbers here are the baseline of "no regression"), and its evidence is recorded with
/// the validation.
/// </summary>
/// <param name="Model">The model.</param>
/// <param name="Set">The evaluation set's path, digest and size.</param>
/// <param name="Candidate">The candidate's scores.</param>
/// <param name="Baseline">Stable's scores on the same set, or null on a first release or when stable cannot run here.</param>
/// <param name="BaselineVersion">The stable version scored, or null.</param>
/// <param name="BaselineNote">Why stable was not scored, when it was not.</param>
public sealed record EvaluationComparison(
    string Model,
    EvaluationSetInfo Set,
    ModelEvaluation Candidate,
    ModelEvaluation? Baseline,
    string? BaselineVersion,
    string? BaselineNote)
{
    /// <summary>What to record: the set, both sets of metrics and every slice's.</summary>
    public object Evidence() => new
    {
        set = new { path = Set.Path, digest = Set.Digest, examples = Set.Examples },
        candidate = new { metrics = Candidate.Metrics, slices = Candidate.Slices },
        baseline = Baseline is null ? null : new { version = BaselineVersion, metrics = Baseline.Metrics, slices = Baseline.Slices },
        baselineNote = BaselineNote,
    };
}
