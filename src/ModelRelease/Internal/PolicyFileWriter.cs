using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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

            if (policy.Routers is { } routers)
            {
                WriteRouters(json, routers);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// One analysis check as the policy file writes it, every setting included (defaults too: a reader sees the
    /// whole schedule without knowing them). The audit evidence and the stored run use the same form.
    /// </summary>
    public static JsonObject Check(AnalysisCheck check)
    {
        var json = new JsonObject
        {
            [Name] = check.Name,
            [Source] = check.Source,
            [Query] = check.Query.Text,
            [SuccessCondition] = check.SuccessCondition.Text,
        };
        if (check.FailureCondition is { } failure)
        {
            json[FailureCondition] = failure.Text;
        }

        json[Interval] = DurationText.Format(check.Interval);
        json[Count] = check.Count;
        json[FailureLimit] = check.FailureLimit;
        json[InconclusiveLimit] = check.InconclusiveLimit;
        json[ConsecutiveErrorLimit] = check.ConsecutiveErrorLimit;
        return json;
    }

    /// <summary>The checks as the policy file's <c>analysis</c> array.</summary>
    public static JsonArray Checks(IEnumerable<AnalysisCheck> checks) => [.. checks.Select(check => (JsonNode)Check(check))];

    private static void WriteRouters(Utf8JsonWriter json, RouterOutputs routers)
    {
        json.WriteStartObject(Routers);
        json.WriteStartArray(Outputs);
        foreach (var kind in routers.Kinds)
        {
            json.WriteStringValue(RouterKinds.First(pair => pair.Value == kind).Key);
        }

        json.WriteEndArray();
        json.WriteString(Namespace, routers.Namespace);
        foreach (var (key, value) in new[] { (StorageUri, routers.StorageUri), (Host, routers.Host), (StableHost, routers.StableHost), (CanaryHost, routers.CanaryHost) })
        {
            if (value is not null)
            {
                json.WriteString(key, value);
            }
        }

        json.WriteEndObject();
    }

    private static void WriteAnalysis(Utf8JsonWriter json, IReadOnlyList<AnalysisCheck> checks)
    {
        json.WritePropertyName(Analysis);
        Checks(checks).WriteTo(json);
    }
}
