using System.Text.Json;
using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// Parses the candidate's <c>--metrics</c> and <c>--hyperparameters</c> arguments, and writes a metrics file in the
/// shape <c>--metrics</c> takes (Evaluate's <c>--output</c>). Only the shape is checked here:
/// whether a metric is finite, present or good enough is the validator's call, so that a bad model is a gate
/// rejection (exit 3) and only a bad argument is an error (exit 1).
/// </summary>
public static class MetricsInput
{
    private const string Example = "{\"accuracy\": 0.91}";

    /// <summary>
    /// Writes <paramref name="metrics"/> to <paramref name="path"/> as the JSON object <see cref="Parse"/> reads (so
    /// the file can be passed as <c>--metrics</c> later), creating its directory. The file is replaced atomically: a
    /// reader sees the old metrics or the new, never half a file.
    /// </summary>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void WriteFile(string path, IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        AtomicFile.WriteAllTextIfChanged(full, JsonSerializer.Serialize(metrics, IndentedJson) + "\n");
    }

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    /// <summary>
    /// Reads <c>--metrics</c>: inline JSON when the text starts with <c>{</c>, otherwise the path of a JSON file,
    /// relative to <paramref name="workingDirectory"/>. Either way a JSON object of metric name → number. The strings
    /// <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c> (and Python's bare tokens of those names) are read as
    /// the non-finite values, for validation to reject. An empty object is allowed.
    /// </summary>
    /// <exception cref="RegistryException">The argument is empty, the file is missing, the JSON is malformed, or a value is not a number.</exception>
    public static IReadOnlyDictionary<string, double> Parse(string argument, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(workingDirectory);
        if (string.IsNullOrWhiteSpace(argument))
        {
            throw new RegistryException($"--metrics is empty. Give the metrics inline or as a JSON file, e.g. --metrics='{Example}' or --metrics=metrics.json.");
        }

        var text = argument.Trim();
        var (json, source) = text.StartsWith('{')
            ? (text, "--metrics")
            : (JsonInput.ReadFile(
                text,
                Path.GetFullPath(Path.Combine(workingDirectory, text)),
                "--metrics file",
                $"Give the path of the evaluation's metrics JSON, or the metrics inline, e.g. --metrics='{Example}'."),
               $"--metrics file '{text}'");
        return Metrics(NonFiniteTokens.Quote(json), source);
    }

    /// <summary>
    /// Reads <c>--hyperparameters</c>: a JSON file (relative to <paramref name="workingDirectory"/>) or inline JSON
    /// object, whose scalar values become invariant text and nested objects and arrays compact JSON; or
    /// <c>name=value</c> pairs separated by commas, e.g. <c>lr=0.001,epochs=20</c>. An existing file wins over pairs;
    /// a missing <c>.json</c> path is an error rather than pairs.
    /// </summary>
    /// <exception cref="RegistryException">The argument is empty or malformed, a name is given twice, or the file is missing.</exception>
    public static IReadOnlyDictionary<string, string> ParseHyperparameters(string argument, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(workingDirectory);
        return HyperparameterReader.Read(argument, workingDirectory);
    }

    private static Dictionary<string, double> Metrics(string json, string source)
    {
        using var document = JsonInput.Parse(json, source, $"metrics are a JSON object of name → number, e.g. {Example}");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RegistryException($"{source} must be a JSON object of metric name → number, not {JsonInput.Describe(root)}, e.g. {Example}.");
        }

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var property in JsonInput.Properties(root, source, "in the metrics"))
        {
            if (property.Name.Trim().Length == 0)
            {
                throw new RegistryException($"{source}: a metric has an empty name. Name each metric, e.g. {Example}.");
            }

            metrics.Add(property.Name, Number(property, source));
        }

        return metrics;
    }

    private static double Number(JsonProperty property, string source)
    {
        var value = property.Value;
        var name = DisplayText.Escape(property.Name);
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetDouble(out var number) && double.IsFinite(number):
                return number;
            case JsonValueKind.Number:
                throw new RegistryException($"{source}: '{name}' is {value.GetRawText()}, which is beyond the range of a double. Give the value the evaluation measured, e.g. {{\"{name}\": 0.91}}.");
            case JsonValueKind.String when value.GetString() is "NaN" or "Infinity" or "-Infinity":
                return double.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            case JsonValueKind.Object or JsonValueKind.Array:
                throw new RegistryException($"{source}: '{name}' is {JsonInput.Describe(value)}, not a number. Give one number per metric, e.g. {{\"{name}\": 0.91}}.");
            default:
                var quoted = value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out _)
                    ? " Write it without quotes."
                    : "";
                throw new RegistryException($"{source}: '{name}' is {JsonInput.Compact(value)}, not a number.{quoted} Give numbers, e.g. {{\"{name}\": 0.91}}.");
        }
    }
}
