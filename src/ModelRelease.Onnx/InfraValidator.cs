using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ModelRelease.Onnx;

/// <summary>
/// TFX's InfraValidator role, in ONNX Runtime: loads the candidate as the server would, compares its signature with
/// stable's, sends it warm-up requests and measures their latency against the policy's bound. It reads the candidate
/// and stable directories and changes nothing.
/// </summary>
public static class InfraValidator
{
    /// <summary>Requests measured for the latency bound: the request file is replayed until this many ran (after one warm-up pass).</summary>
    public const int MeasuredRequests = 50;

    /// <summary>Validates <paramref name="candidateDirectory"/>.</summary>
    /// <param name="model">The model's name, for the report.</param>
    /// <param name="candidateDirectory">The candidate's artifact directory.</param>
    /// <param name="stable">Stable's version name and directory, or null on a first release.</param>
    /// <param name="requests">The warm-up instances (see <see cref="PredictRequests"/>).</param>
    /// <param name="maxLatencyP99Ms">The policy's bound on p99 latency per request, or null for none.</param>
    public static InfraValidationReport Validate(string model, string candidateDirectory, (string Version, string Directory)? stable, IReadOnlyList<JsonElement> requests, double? maxLatencyP99Ms)
    {
        var checks = new List<InfraCheck>();
        var file = OnnxModel.FindModelFile(candidateDirectory);
        if (file is null)
        {
            checks.Add(IsSavedModel(candidateDirectory)
                ? new InfraCheck("loads in ONNX Runtime", "a TensorFlow SavedModel, which ONNX Runtime cannot load and this machine has no TF Serving for", "an ONNX model", InfraCheckOutcome.NotChecked)
                : new InfraCheck("loads in ONNX Runtime", "no *.onnx file in the artifact", "an ONNX model (model.onnx)", InfraCheckOutcome.Failed));
            return new InfraValidationReport(model, checks, stable?.Version);
        }

        OnnxModel candidate;
        var clock = Stopwatch.StartNew();
        try
        {
            candidate = OnnxModel.Load(file);
        }
        catch (ModelLoadException failure)
        {
            checks.Add(new InfraCheck("loads in ONNX Runtime", failure.Message, "the model loads", InfraCheckOutcome.Failed));
            return new InfraValidationReport(model, checks, stable?.Version);
        }

        using (candidate)
        {
            checks.Add(new InfraCheck("loads in ONNX Runtime", Invariant($"loaded {Path.GetFileName(file)} in {clock.Elapsed.TotalMilliseconds:0} ms"), "the model loads", InfraCheckOutcome.Passed));
            checks.AddRange(SignatureChecks(candidate, stable));
            var latencies = WarmUp(candidate, requests, checks);
            double? p99 = latencies.Count == 0 ? null : ClassificationMetrics.Percentile(latencies, 99);
            checks.Add(LatencyCheck(p99, latencies.Count, maxLatencyP99Ms));
            return new InfraValidationReport(model, checks, stable?.Version) { LatencyP99Ms = p99 };
        }
    }

    private static IEnumerable<InfraCheck> SignatureChecks(OnnxModel candidate, (string Version, string Directory)? stable)
    {
        const string name = "signature keeps stable's clients working";
        if (stable is not { } baseline)
        {
            yield return new InfraCheck(name, "no stable version (a first release)", "the signature of stable", InfraCheckOutcome.Passed);
            yield break;
        }

        var stableFile = OnnxModel.FindModelFile(baseline.Directory);
        if (stableFile is null)
        {
            yield return new InfraCheck(name, $"stable {baseline.Version} is not an ONNX model, so there is no signature to compare", $"the signature of stable {baseline.Version}", InfraCheckOutcome.NotChecked);
            yield break;
        }

        var (stableSignature, loadError) = SignatureOf(stableFile);
        if (stableSignature is null)
        {
            yield return new InfraCheck(name, $"stable {baseline.Version} did not load: {loadError}", $"the signature of stable {baseline.Version}", InfraCheckOutcome.NotChecked);
            yield break;
        }

        var breaks = candidate.Signature.BreaksAgainst(stableSignature);
        if (breaks.Count == 0)
        {
            yield return new InfraCheck(name, "same inputs and outputs", $"the signature of stable {baseline.Version}", InfraCheckOutcome.Passed);
        }

        foreach (var text in breaks)
        {
            yield return new InfraCheck(name, text, $"the signature of stable {baseline.Version}", InfraCheckOutcome.Failed);
        }
    }

    private static (ModelSignature? Signature, string? Error) SignatureOf(string file)
    {
        try
        {
            using var model = OnnxModel.Load(file);
            return (model.Signature, null);
        }
        catch (ModelLoadException failure)
        {
            return (null, failure.Message);
        }
    }

    /// <summary>One pass over every request (each must answer), then the measured runs; returns their latencies.</summary>
    private static List<double> WarmUp(OnnxModel candidate, IReadOnlyList<JsonElement> requests, List<InfraCheck> checks)
    {
        const string name = "answers the warm-up requests";
        var failures = new List<string>();
        for (var i = 0; i < requests.Count; i++)
        {
            try
            {
                candidate.Predict(requests[i]);
            }
            catch (Exception failure) when (failure is ModelInputException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
            {
                failures.Add($"request {i + 1}: {failure.Message.Trim()}");
            }
        }

        var expected = Invariant($"all {requests.Count} answered");
        if (failures.Count > 0)
        {
            checks.Add(new InfraCheck(name, Invariant($"{failures.Count} of {requests.Count} failed; first: {failures[0]}"), expected, InfraCheckOutcome.Failed));
            return [];
        }

        checks.Add(new InfraCheck(name, Invariant($"{requests.Count} of {requests.Count} answered"), expected, InfraCheckOutcome.Passed));
        var latencies = new List<double>(MeasuredRequests);
        for (var i = 0; i < Math.Max(MeasuredRequests, requests.Count); i++)
        {
            var clock = Stopwatch.StartNew();
            candidate.Predict(requests[i % requests.Count]);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }

        return latencies;
    }

    private static InfraCheck LatencyCheck(double? p99, int measured, double? bound)
    {
        const string name = "p99 latency per request";
        if (p99 is not { } value)
        {
            return new InfraCheck(name, "not measured: the warm-up requests failed", bound is { } b ? Invariant($"at most {b:0.###} ms") : "no bound", InfraCheckOutcome.NotChecked);
        }

        var actual = Invariant($"{value:0.###} ms over {measured} requests");
        return bound is { } max
            ? new InfraCheck(name, actual, Invariant($"at most {max:0.###} ms (the policy's latency_p99_ms)"), value <= max ? InfraCheckOutcome.Passed : InfraCheckOutcome.Failed)
            : new InfraCheck(name, actual, "no bound (the policy sets no latency_p99_ms at most)", InfraCheckOutcome.Passed);
    }

    private static bool IsSavedModel(string directory) =>
        File.Exists(Path.Combine(directory, "saved_model.pb")) || File.Exists(Path.Combine(directory, "saved_model.pbtxt"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
