using ModelRelease.Onnx;
using ModelRelease.Pipelines.Output;
using Spectre.Console;

namespace ModelRelease.Pipelines;

/// <summary>The Evaluator and InfraValidator roles: run the candidate, and stable beside it, in ONNX Runtime.</summary>
public sealed partial class ReleaseCommands
{
    /// <summary>The policy metric whose <c>atMost</c> bounds InfraValidate's p99 latency per request.</summary>
    public const string LatencyBoundMetric = ModelEvaluation.LatencyP99;

    /// <summary>
    /// Scores the candidate in <paramref name="artifact"/> and the current stable version on the same evaluation set,
    /// prints both side by side (and per slice), and returns them. Reads only: nothing is recorded here; Validate
    /// records the evaluation with its verdict.
    /// </summary>
    public EvaluationComparison Evaluate(ReleasePolicy policy, string artifact, string evaluationSet)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var set = Read(() => EvaluationSet.Load(evaluationSet));
        using var candidate = Load(artifact, "the candidate");
        var stable = Registry.VersionAt(policy.Model, LabelNames.Stable);
        var (baseline, note) = stable is null ? (null, "no stable version yet (a first release)") : LoadStable(policy.Model, stable.Name);
        using (baseline)
        {
            var (candidateScores, stableScores) = Read(() => ModelEvaluator.Evaluate(candidate, baseline, set));
            var comparison = new EvaluationComparison(policy.Model, new EvaluationSetInfo(set.Path, set.Digest, set.Examples.Count), candidateScores, stableScores, baseline is null ? null : stable!.Name, note);
            EvaluationTable.Print(console, comparison, policy);
            return comparison;
        }
    }

    /// <summary>
    /// Loads the candidate in ONNX Runtime, compares its signature with stable's, sends it the warm-up requests and
    /// checks their p99 latency against the policy's <c>latency_p99_ms</c> bound; prints every check. A failed check
    /// throws <see cref="GateRejectedException"/> (exit 3); a candidate this runtime cannot load is reported as not
    /// checked, never as passed.
    /// </summary>
    public InfraValidationReport InfraValidate(ReleasePolicy policy, string artifact, string requestFile)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!Directory.Exists(artifact))
        {
            throw new RegistryException($"The artifact directory {artifact} does not exist. Check --artifact: it is the directory your training job exported.");
        }

        var requests = Read(() => PredictRequests.LoadInstances(requestFile));
        var stable = Registry.VersionAt(policy.Model, LabelNames.Stable);
        (string, string)? baseline = stable is null ? null : (stable.Name, Registry.Layout.VersionDirectory(policy.Model, stable.Name));
        var bound = policy.Metrics.FirstOrDefault(r => r.Name == LatencyBoundMetric)?.AtMost;
        var report = InfraValidator.Validate(policy.Model, artifact, baseline, requests, bound);
        InfraValidationTable.Print(console, report);
        return report.Outcome == InfraCheckOutcome.Failed
            ? throw new GateRejectedException($"InfraValidate rejected the candidate of '{policy.Model}': {report.FailureText()}")
            : report;
    }

    private (OnnxModel? Model, string? Note) LoadStable(string model, string version)
    {
        var directory = Registry.Layout.VersionDirectory(model, version);
        if (OnnxModel.FindModelFile(directory) is null)
        {
            return (null, $"stable {version} is not an ONNX model, so it was not scored; Validate compares with the metrics recorded when it was pushed");
        }

        try
        {
            return (OnnxModel.Load(directory), null);
        }
        catch (ModelLoadException failure)
        {
            console.MarkupLineInterpolated($"[yellow]warning:[/] stable {DisplayText.Escape(version)} did not load, so it was not scored: {DisplayText.Escape(failure.Message)}");
            return (null, $"stable {version} did not load: {failure.Message}");
        }
    }

    private static OnnxModel Load(string artifact, string what)
    {
        try
        {
            return OnnxModel.Load(artifact);
        }
        catch (ModelLoadException failure)
        {
            throw new RegistryException($"Cannot evaluate {what}: {failure.Message}", failure);
        }
    }

    /// <summary>Input files and instances that do not fit are the user's to fix: a task failure (exit 1) naming the file or the input.</summary>
    private static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception failure) when (failure is InvalidDataException or ModelInputException)
        {
            throw new RegistryException(failure.Message, failure);
        }
    }
}
