using System.Text;
using System.Text.Json;
using static ModelRelease.Internal.PolicyFileKeys;

namespace ModelRelease.Internal;

/// <summary>Writes a policy in the file format <see cref="PolicyFileReader"/> reads, so a policy written in code can be exported and edited.</summary>
internal static class PolicyFileWriter
{
    public static string Write(ReleasePolicy policy)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonInput.Writer(indented: true)))
        {
            json.WriteStartObject();
            json.WriteString(Model, policy.Model);
            json.WriteString(Artifact, FormatName(policy.Artifact));
            json.WriteStartObject(Metrics);
            foreach (var rule in policy.Metrics)
            {
                json.WriteStartObject(rule.Name);
                json.WriteString(Goal, rule.Goal == MetricGoal.HigherIsBetter ? Higher : Lower);
                if (rule.AtLeast is { } atLeast)
                {
                    json.WriteNumber(AtLeast, atLeast);
                }

                if (rule.AtMost is { } atMost)
                {
                    json.WriteNumber(AtMost, atMost);
                }

                if (rule.Tolerance is { } tolerance)
                {
                    var (absolute, percent) = (ToleranceKeys(rule.Goal)[0], ToleranceKeys(rule.Goal)[1]);
                    json.WriteNumber(tolerance.IsRelative ? percent : absolute, tolerance.Amount);
                }

                // Required is the default; writing it only when false keeps files as short as people write them.
                if (!rule.Required)
                {
                    json.WriteBoolean(Required, false);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartArray(CanarySteps);
            foreach (var step in policy.CanarySteps)
            {
                json.WriteNumberValue(step);
            }

            json.WriteEndArray();
            json.WriteNumber(Keep, policy.Keep);
            if (policy.Analysis.Count > 0)
            {
                WriteAnalysis(json, policy.Analysis);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteAnalysis(Utf8JsonWriter json, IReadOnlyList<AnalysisCheck> checks)
    {
        json.WriteStartArray(Analysis);
        foreach (var check in checks)
        {
            json.WriteStartObject();
            json.WriteString(Name, check.Name);
            json.WriteString(Source, check.Source);
            json.WriteString(Query, check.Query.Text);
            json.WriteString(SuccessCondition, check.SuccessCondition.Text);
            if (check.FailureCondition is { } failure)
            {
                json.WriteString(FailureCondition, failure.Text);
            }

            // Every setting is written, defaults too: a reader of the file sees the whole schedule without knowing them.
            json.WriteString(Interval, DurationText.Format(check.Interval));
            json.WriteNumber(Count, check.Count);
            json.WriteNumber(FailureLimit, check.FailureLimit);
            json.WriteNumber(InconclusiveLimit, check.InconclusiveLimit);
            json.WriteNumber(ConsecutiveErrorLimit, check.ConsecutiveErrorLimit);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
