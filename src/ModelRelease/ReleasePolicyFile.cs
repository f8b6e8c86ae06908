using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// The <c>--policy=file.json</c> override, for teams that keep their release policy next to the model rather than
/// in the build code. The file is JSON, camelCase; only <c>model</c> is required:
/// <code>
/// {
///   "model": "sentiment",
///   "artifact": "tensorflow-saved-model",
///   "metrics": {
///     "accuracy":       { "goal": "higher", "atLeast": 0.85, "maxDrop": 0.01 },
///     "latency_p99_ms": { "goal": "lower",  "atMost": 120, "maxIncreasePercent": 10 },
///     "f1":             { "goal": "higher", "maxDropPercent": 2, "required": false }
///   },
///   "canarySteps": [10, 50],
///   "keep": 5,
///   "analysis": [
///     { "name": "latency", "source": "prometheus",
///       "query": "histogram_quantile(0.99, sum by (le) (rate(latency_bucket{version=\"{{version}}\"}[5m])))",
///       "successCondition": "canary &lt;= 1.2 * stable", "failureCondition": "canary &gt; 2 * stable",
///       "interval": "30s", "count": 5, "failureLimit": 1, "inconclusiveLimit": 1, "consecutiveErrorLimit": 4 }
///   ]
/// }
/// </code>
/// <c>artifact</c> is <c>any</c> (the default), <c>tensorflow-saved-model</c> or <c>onnx</c>. A higher-is-better
/// metric takes <c>maxDrop</c> or <c>maxDropPercent</c>; a lower-is-better one <c>maxIncrease</c> or
/// <c>maxIncreasePercent</c>. Each <c>analysis</c> check needs <c>name</c>, <c>source</c> (<c>prometheus</c> or
/// <c>file</c>), <c>query</c> and <c>successCondition</c>; the rest default as in <see cref="AnalysisCheck"/>, and
/// <c>interval</c> is written <c>500ms</c>, <c>30s</c>, <c>5m</c> or <c>1h</c>. Reading is strict: unknown keys, keys
/// given twice, values of the wrong type and conditions or query templates that do not parse are errors. Comments
/// and trailing commas are allowed.
/// </summary>
public static class ReleasePolicyFile
{
    /// <summary>Reads and checks the policy file at <paramref name="path"/>.</summary>
    /// <exception cref="RegistryException">The file is missing or unreadable, or the policy in it is not valid.</exception>
    public static ReleasePolicy Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var json = JsonInput.ReadFile(path, "Release policy file", "Check the --policy path, e.g. --policy=release-policy.json.");
        return Parse(json, path);
    }

    /// <summary>Reads and checks a policy from JSON text; <paramref name="source"/> names where it came from in error messages.</summary>
    /// <exception cref="RegistryException">The JSON is malformed or the policy in it is not valid.</exception>
    public static ReleasePolicy Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        return PolicyFileReader.Read(json, source);
    }

    /// <summary>The policy as an indented policy file that <see cref="Parse"/> reads back as an equal policy.</summary>
    /// <exception cref="RegistryException">The policy is not valid, so no file could describe it.</exception>
    public static string ToJson(ReleasePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        return PolicyFileWriter.Write(policy);
    }
}
