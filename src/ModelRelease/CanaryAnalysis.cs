using System.Text.Json.Nodes;

namespace ModelRelease;

/// <summary>
/// Where a canary's analysis run stands after one <see cref="CanaryAnalyzer.AnalyzeAsync"/> call: the run, every
/// measurement it holds, each check's verdict, and what the run's verdict calls for.
/// </summary>
/// <param name="Run">The run as recorded (in a dry run, as it would be; id 0 for a run not begun yet).</param>
/// <param name="Measurements">All of the run's measurements, by check and then in the order taken.</param>
/// <param name="Checks">Each check of the policy with its verdict so far, in the policy's order.</param>
/// <param name="Taken">How many measurements this call took and recorded.</param>
/// <param name="Decision">What the run's verdict calls for.</param>
/// <param name="NextWeight">The canary step to raise traffic to, for <see cref="AnalysisDecision.StepUp"/>.</param>
public sealed record CanaryAnalysis(
    AnalysisRun Run,
    IReadOnlyList<AnalysisMeasurement> Measurements,
    IReadOnlyList<(AnalysisCheck Check, AnalysisVerdict Verdict)> Checks,
    int Taken,
    AnalysisDecision Decision,
    int? NextWeight)
{
    /// <summary>The run's verdict.</summary>
    public AnalysisVerdict Verdict => Run.Verdict;

    /// <summary>The decision in words, as the audit log and the run record keep it: "step up to 50%", "promote", …</summary>
    public string DecisionText => Decision switch
    {
        AnalysisDecision.StepUp => $"step up to {NextWeight}%",
        AnalysisDecision.Promote => "promote",
        AnalysisDecision.Rollback => "roll back",
        AnalysisDecision.Hold => "hold for a person",
        _ => "continue measuring",
    };

    /// <summary>
    /// One line on why: each check that decided, with its counts and last values, e.g.
    /// "latency failed 2 of 5 (failure limit 1; last canary 210 vs stable 100)".
    /// </summary>
    public string Explanation()
    {
        var parts = Checks
            .Where(c => Verdict == AnalysisVerdict.Successful || c.Verdict == Verdict)
            .Select(c =>
            {
                var taken = Measurements.Where(m => m.Check == c.Check.Name).ToList();
                var count = (MeasurementVerdict v) => taken.Count(m => m.Verdict == v);
                var last = taken.LastOrDefault(m => m.CanaryValue is not null);
                var values = last is null ? "" : $"; last canary {Format(last.CanaryValue)}" + (last.StableQuery is null ? "" : $" vs stable {Format(last.StableValue)}");
                return c.Verdict switch
                {
                    AnalysisVerdict.Failed => $"{c.Check.Name} failed {count(MeasurementVerdict.Failed)} of {taken.Count} (failure limit {c.Check.FailureLimit}{values})",
                    AnalysisVerdict.Inconclusive => $"{c.Check.Name} inconclusive {count(MeasurementVerdict.Inconclusive)} of {taken.Count} (inconclusive limit {c.Check.InconclusiveLimit}{values})",
                    AnalysisVerdict.Error => $"{c.Check.Name} could not measure {TrailingErrors(taken)} times in a row (error limit {c.Check.ConsecutiveErrorLimit}): {taken.LastOrDefault()?.Detail}",
                    _ => $"{c.Check.Name} {count(MeasurementVerdict.Successful)} of {taken.Count} successful{(values.Length == 0 ? "" : $" ({values[2..]})")}",
                };
            });
        return string.Join("; ", parts);
    }

    /// <summary>
    /// The measurements behind the decision, as the JSON the audit log keeps with the analysis event and with the
    /// label move an automatic decision makes: run, versions, weight, verdict, decision, and per check its conditions,
    /// limits and every measurement with both raw values.
    /// </summary>
    public JsonObject Evidence()
    {
        var checks = new JsonArray();
        foreach (var (check, verdict) in Checks)
        {
            var measurements = new JsonArray();
            foreach (var m in Measurements.Where(m => m.Check == check.Name))
            {
                measurements.Add(new JsonObject
                {
                    ["seq"] = m.Seq,
                    ["at"] = m.TakenAt,
                    ["canary"] = Number(m.CanaryValue),
                    ["stable"] = Number(m.StableValue),
                    ["verdict"] = Word(m.Verdict),
                    ["detail"] = m.Detail,
                });
            }

            // The check's settings in the policy file's own form, so evidence and policy read alike.
            var entry = Internal.PolicyFileWriter.Check(check);
            entry["verdict"] = Word(verdict);
            entry["measurements"] = measurements;
            checks.Add(entry);
        }

        return new JsonObject
        {
            ["analysisRun"] = Run.Id,
            ["canary"] = Run.CanaryVersion,
            ["stable"] = Run.StableVersion,
            ["weight"] = Run.Weight,
            ["verdict"] = Word(Verdict),
            ["decision"] = DecisionText,
            ["checks"] = checks,
        };
    }

    // The errors that ended the check: Assess counts only the run at the end, so the explanation does too.
    private static int TrailingErrors(IReadOnlyList<AnalysisMeasurement> taken) =>
        taken.Reverse().TakeWhile(m => m.Verdict == MeasurementVerdict.Error).Count();

    private static string Format(double? value) => value is { } v ? Internal.NumberText.Format(v) : "none";

    private static string Word<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    // JSON has no infinity: keep it as text so the evidence still says what was measured.
    private static JsonNode? Number(double? value) => value switch
    {
        null => null,
        { } v when double.IsFinite(v) => JsonValue.Create(v),
        { } v => JsonValue.Create(v > 0 ? "+Inf" : "-Inf"),
    };
}
