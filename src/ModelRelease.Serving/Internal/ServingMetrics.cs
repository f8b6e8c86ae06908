using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ModelRelease.Serving.Internal;

/// <summary>
/// The server's Prometheus metrics, rendered by hand in text format 0.0.4. Series are per model and version NAME
/// (label <c>version</c>), because release policies' analysis queries template <c>{{version}}</c> with the name.
/// </summary>
internal sealed class ServingMetrics
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly ConcurrentDictionary<(string Model, string Version), VersionMetrics> _versions = new();

    public VersionMetrics For(string model, string version) => _versions.GetOrAdd((model, version), key => new VersionMetrics(key.Model, key.Version));

    public string Render(VersionTable table)
    {
        var readings = _versions.Values
            .OrderBy(v => v.Model, StringComparer.Ordinal).ThenBy(v => v.Version, StringComparer.Ordinal)
            .Select(v => (v.Model, v.Version, Reading: v.Read()))
            .ToList();
        var text = new StringBuilder();
        Family(text, "requests_total", "counter", "Predict requests answered by a model version, errors included.");
        foreach (var (model, version, reading) in readings)
        {
            Sample(text, "requests_total", Labels(("model", model), ("version", version)), reading.Requests);
        }

        Family(text, "request_errors_total", "counter", "Predict requests a model version answered with an error (bad request or failed prediction).");
        foreach (var (model, version, reading) in readings)
        {
            Sample(text, "request_errors_total", Labels(("model", model), ("version", version)), reading.Errors);
        }

        Family(text, "request_duration_seconds", "histogram", "Time from routing a predict request to a model version until its answer is ready, in seconds.");
        foreach (var (model, version, reading) in readings)
        {
            for (var i = 0; i < VersionMetrics.Buckets.Length; i++)
            {
                Sample(text, "request_duration_seconds_bucket", Labels(("model", model), ("version", version), ("le", Number(VersionMetrics.Buckets[i]))), reading.CumulativeBuckets[i]);
            }

            Sample(text, "request_duration_seconds_bucket", Labels(("model", model), ("version", version), ("le", "+Inf")), reading.Requests);
            Sample(text, "request_duration_seconds_sum", Labels(("model", model), ("version", version)), reading.DurationSum);
            Sample(text, "request_duration_seconds_count", Labels(("model", model), ("version", version)), reading.Requests);
        }

        Family(text, "model_version_performance", "gauge", $"Live performance of a model version on requests that carried their true label: accuracy over its last {VersionMetrics.AccuracyWindow} labelled instances, and labelled_total, how many it has seen.");
        foreach (var (model, version, reading) in readings.Where(r => r.Reading.Labelled > 0))
        {
            Sample(text, "model_version_performance", Labels(("model", model), ("version", version), ("metric", "accuracy")), reading.Accuracy ?? double.NaN);
            Sample(text, "model_version_performance", Labels(("model", model), ("version", version), ("metric", "labelled_total")), reading.Labelled);
        }

        Family(text, "serving_version_state", "gauge", "1 for the state a served model version is in (START, LOADING, AVAILABLE, UNLOADING, END), 0 for the others.");
        foreach (var model in table.KnownModels())
        {
            foreach (var state in table.History(model).Select(v => v.State()).OrderBy(s => s.Number))
            {
                foreach (var candidate in Enum.GetValues<ServedState>())
                {
                    var labels = Labels(("model", model), ("version", state.Version), ("number", state.Number.ToString(CultureInfo.InvariantCulture)), ("state", StateName(candidate)));
                    Sample(text, "serving_version_state", labels, candidate == state.State ? 1 : 0);
                }
            }
        }

        return text.ToString();
    }

    /// <summary>The state as TF Serving's GetModelStatus spells it.</summary>
    public static string StateName(ServedState state) => state.ToString().ToUpperInvariant();

    private static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(Escape(help, quote: false)).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, string labels, double value) =>
        text.Append(name).Append(labels).Append(' ').Append(Number(value)).Append('\n');

    private static string Labels(params (string Name, string Value)[] labels) =>
        "{" + string.Join(",", labels.Select(l => $"{l.Name}=\"{Escape(l.Value, quote: true)}\"")) + "}";

    private static string Number(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>The format's escaping (as RegistryExposition does): backslash and line feed, and double quote inside a label value.</summary>
    private static string Escape(string value, bool quote)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '\n' => text.Append(@"\n"),
                '"' when quote => text.Append("\\\""),
                _ => text.Append(c),
            };
        }

        return text.ToString();
    }
}
