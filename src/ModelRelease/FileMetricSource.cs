using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// Reads analysis measurements from a JSON file instead of Prometheus, for offline rehearsals and demos:
/// <c>{"sentiment": {"v2": {"error_rate": 0.012, "latency_ms": null}}}</c>. A query (after its template is rendered)
/// is <c>model/version/metric</c>, optionally prefixed <c>file:</c>, e.g. <c>{{model}}/{{version}}/error_rate</c>.
/// The file is read again on every query, so a demo can change a value between measurements
/// (<see cref="SetValue"/>). Values may be numbers, null (no data), or "NaN", "Infinity", "-Infinity".
/// </summary>
public sealed class FileMetricSource : IMetricSource
{
    /// <summary>The <see cref="AnalysisCheck.Source"/> that names this source.</summary>
    public const string SourceName = "file";

    private const string Prefix = "file:";
    private const string Example = "a metrics file looks like {\"sentiment\": {\"v2\": {\"error_rate\": 0.012}}}";

    private readonly string _path;

    /// <summary>A source reading the file at <paramref name="path"/>, which need not exist yet.</summary>
    public FileMetricSource(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = path;
    }

    /// <inheritdoc />
    public string Name => SourceName;

    /// <inheritdoc />
    public Task<MetricResult> QueryAsync(string query, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Query(query));
    }

    /// <summary>
    /// Sets <paramref name="metric"/> of <paramref name="model"/>'s <paramref name="version"/> to
    /// <paramref name="value"/> (null for no data) in the file at <paramref name="path"/>, creating the file if needed
    /// and keeping every other entry. The file is replaced atomically, so a query never reads half of it.
    /// </summary>
    /// <exception cref="RegistryException">The file exists but is not a metrics file.</exception>
    public static void SetValue(string path, string model, string version, string metric, double? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);

        JsonObject root;
        if (File.Exists(path))
        {
            var text = JsonInput.ReadFile(path, "Metrics file", "Give the path of a metrics file, or a new one.");
            using var checkedJson = JsonInput.Parse(NonFiniteTokens.Quote(text), $"Metrics file '{path}'", Example);
            root = JsonNode.Parse(checkedJson.RootElement.GetRawText()) as JsonObject
                ?? throw new RegistryException($"Metrics file '{path}' is not a JSON object; {Example}.");
        }
        else
        {
            root = [];
        }

        var versions = Child(root, model, path);
        var metrics = Child(versions, version, path);
        metrics[metric] = value is { } number
            ? MetricValueText.NonFinite(number) is { } word ? JsonValue.Create(word) : JsonValue.Create(number)
            : null;

        AtomicFile.WriteAllTextIfChanged(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private MetricResult Query(string query)
    {
        var key = query.StartsWith(Prefix, StringComparison.Ordinal) ? query[Prefix.Length..] : query;
        var parts = key.Split('/');
        if (parts.Length != 3 || parts.Any(string.IsNullOrWhiteSpace))
        {
            return MetricResult.Failure(MetricErrorKind.QueryRejected,
                $"file query '{DisplayText.Escape(query)}' is not model/version/metric; write it like {{{{model}}}}/{{{{version}}}}/error_rate");
        }

        string text;
        try
        {
            text = JsonInput.ReadFile(_path, "Metrics file", "Create it, e.g. with FileMetricSource.SetValue.");
        }
        catch (RegistryException e)
        {
            return MetricResult.Failure(MetricErrorKind.Unreachable, e.Message);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(NonFiniteTokens.Quote(text), JsonInput.Options);
        }
        catch (JsonException e)
        {
            return MetricResult.Failure(MetricErrorKind.MalformedResponse, $"metrics file '{_path}' is not valid JSON: {e.Message}");
        }

        using (document)
        {
            return Lookup(document.RootElement, parts[0], parts[1], parts[2]);
        }
    }

    private MetricResult Lookup(JsonElement root, string model, string version, string metric)
    {
        var (shownModel, shownVersion, shownMetric) = (DisplayText.Escape(model), DisplayText.Escape(version), DisplayText.Escape(metric));
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Malformed($"is {JsonInput.Describe(root)}, not an object of model → version → metric; {Example}");
        }

        if (!root.TryGetProperty(model, out var versions))
        {
            return MetricResult.NoData($"metrics file has no model '{shownModel}'");
        }

        if (versions.ValueKind != JsonValueKind.Object)
        {
            return Malformed($"model '{shownModel}' is {JsonInput.Describe(versions)}, not an object of version → metrics");
        }

        if (!versions.TryGetProperty(version, out var metrics))
        {
            return MetricResult.NoData($"metrics file has no version '{shownVersion}' of model '{shownModel}'");
        }

        if (metrics.ValueKind != JsonValueKind.Object)
        {
            return Malformed($"{shownModel}/{shownVersion} is {JsonInput.Describe(metrics)}, not an object of metric → number");
        }

        if (!metrics.TryGetProperty(metric, out var value))
        {
            return MetricResult.NoData($"metrics file has no metric '{shownMetric}' for {shownModel}/{shownVersion}");
        }

        var raw = value.GetRawText();
        return value.ValueKind switch
        {
            JsonValueKind.Null => MetricResult.NoData($"metric '{shownMetric}' of {shownModel}/{shownVersion} is null"),
            JsonValueKind.Number when value.TryGetDouble(out var number) && double.IsFinite(number) => MetricResult.Of(number, raw),
            JsonValueKind.String when MetricValueText.Parse(value.GetString()) is { } word && MetricValueText.NonFinite(word) is not null => MetricResult.Of(word, raw),
            _ => Malformed($"{shownModel}/{shownVersion}/{shownMetric} is {JsonInput.Describe(value)}, not a number"),
        };
    }

    private MetricResult Malformed(string problem) =>
        MetricResult.Failure(MetricErrorKind.MalformedResponse, $"metrics file '{_path}': {problem}");

    private static JsonObject Child(JsonObject parent, string key, string path)
    {
        switch (parent[key])
        {
            case null:
                var created = new JsonObject();
                parent[key] = created;
                return created;
            case JsonObject existing:
                return existing;
            default:
                throw new RegistryException($"Metrics file '{path}': '{DisplayText.Escape(key)}' holds a value, not an object of entries. Fix or remove that entry.");
        }
    }
}
