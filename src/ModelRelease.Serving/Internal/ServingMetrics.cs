using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ModelRelease.Serving.Internal;

/// <summary>
/// The server's Prometheus metrics, in text format 0.0.4 (written with <see cref="PrometheusText"/>). Series are per model and version NAME
/// (label <c>version</c>), because release policies' analysis queries template <c>{{version}}</c> with the name.
/// </summary>
internal sealed class ServingMetrics
{
    private readonly ConcurrentDictionary<(string Model, string Version), VersionMetrics> _versions = new();

    public VersionMetrics For(string model, string version) => _versions.GetOrAdd((model, version), key => new VersionMetrics(key.Model, key.Version));

    public string Render(VersionTable table)
    {
        var readings = _versions.Values
            .OrderBy(v => v.Model, StringComparer.Ordinal).ThenBy(v => v.Version, StringComparer.Ordinal)
            .Select(v => (v.Model, v.Version, Reading: v.Read()))
            .ToList();
        var text = new StringBuilder();
        PrometheusText.Family(text, "requests_total", "counter", "Predict requests answered by a model version, errors included.");
        foreach (var (model, version, reading) in readings)
        {
            PrometheusText.Sample(text, "requests_total", PrometheusText.LabelSet(("model", model), ("version", version)), reading.Requests);
        }

        PrometheusText.Family(text, "request_errors_total", "counter", "Predict requests a model version answered with an error (bad request or failed prediction).");
        foreach (var (model, version, reading) in readings)
        {
            PrometheusText.Sample(text, "request_errors_total", PrometheusText.LabelSet(("model", model), ("version", version)), reading.Errors);
        }

        PrometheusText.Family(text, "request_duration_seconds", "histogram", "Time from routing a predict request to a model version until its answer is ready, in seconds.");
        foreach (var (model, version, reading) in readings)
        {
            for (var i = 0; i < VersionMetrics.Buckets.Length; i++)
            {
                PrometheusText.Sample(text, "request_duration_seconds_bucket", PrometheusText.LabelSet(("model", model), ("version", version), ("le", PrometheusText.Value(VersionMetrics.Buckets[i]))), reading.CumulativeBuckets[i]);
            }

            PrometheusText.Sample(text, "request_duration_seconds_bucket", PrometheusText.LabelSet(("model", model), ("version", version), ("le", "+Inf")), reading.Requests);
            PrometheusText.Sample(text, "request_duration_seconds_sum", PrometheusText.LabelSet(("model", model), ("version", version)), reading.DurationSum);
            PrometheusText.Sample(text, "request_duration_seconds_count", PrometheusText.LabelSet(("model", model), ("version", version)), reading.Requests);
        }

        PrometheusText.Family(text, "model_version_performance", "gauge", $"Live performance of a model version on requests that carried their true label: accuracy over its last {VersionMetrics.AccuracyWindow} labelled instances, and labelled_total, how many it has seen.");
        foreach (var (model, version, reading) in readings.Where(r => r.Reading.Labelled > 0))
        {
            PrometheusText.Sample(text, "model_version_performance", PrometheusText.LabelSet(("model", model), ("version", version), ("metric", "accuracy")), reading.Accuracy ?? double.NaN);
            PrometheusText.Sample(text, "model_version_performance", PrometheusText.LabelSet(("model", model), ("version", version), ("metric", "labelled_total")), reading.Labelled);
        }

        PrometheusText.Family(text, "serving_version_state", "gauge", "1 for the state a served model version is in (START, LOADING, AVAILABLE, UNLOADING, END), 0 for the others.");
        foreach (var model in table.KnownModels())
        {
            foreach (var state in table.History(model).Select(v => v.State()).OrderBy(s => s.Number))
            {
                foreach (var candidate in Enum.GetValues<ServedState>())
                {
                    var labels = PrometheusText.LabelSet(("model", model), ("version", state.Version), ("number", state.Number.ToString(CultureInfo.InvariantCulture)), ("state", StateName(candidate)));
                    PrometheusText.Sample(text, "serving_version_state", labels, candidate == state.State ? 1 : 0);
                }
            }
        }

        return text.ToString();
    }

    /// <summary>The state as TF Serving's GetModelStatus spells it.</summary>
    public static string StateName(ServedState state) => state.ToString().ToUpperInvariant();
}
