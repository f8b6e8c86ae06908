using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ModelRelease.Internal;

/// <summary>
/// Renders TF Serving's ModelServerConfig and the routing file from the labels in the store. Only stable and
/// canary are loaded (as <c>specific</c> versions), and a version label is written only for a loaded version,
/// because TF Serving rejects a label on a version it does not serve.
/// </summary>
internal static class ServingConfig
{
    /// <summary>The <c>model_platform</c> of a model whose loaded version is ONNX.</summary>
    public const string OnnxPlatform = "onnx";

    /// <summary>The <c>model_platform</c> of a SavedModel, and of a layout that shows no format (TF Serving's own).</summary>
    public const string TensorFlowPlatform = "tensorflow";

    /// <summary>Renders models.config.</summary>
    /// <param name="labels">Every label of every model.</param>
    /// <param name="basePath">The serving root as the server sees it; each model's <c>base_path</c> is under it.</param>
    /// <param name="formatOf">The artifact format of a labelled version; null takes every version for a SavedModel.</param>
    /// <param name="warn">Where a model whose loaded versions mix formats is reported.</param>
    /// <param name="preload">Versions loaded beside the labelled ones but given no label: the first phase of a label
    /// move loads the incoming version this way, and the second keeps the outgoing one loaded until the server has moved the label.</param>
    public static string ModelsConfig(IReadOnlyList<LabelAssignment> labels, string basePath, Func<LabelAssignment, ArtifactFormat>? formatOf = null, Action<string>? warn = null,
        IReadOnlyList<LabelAssignment>? preload = null)
    {
        var text = new StringBuilder("model_config_list {\n");
        var unlabelled = preload?.ToHashSet() ?? [];
        foreach (var model in ServedModels(unlabelled.Count == 0 ? labels : [.. labels, .. unlabelled]))
        {
            var served = model.ToList();
            text.Append("  config {\n");
            text.Append(CultureInfo.InvariantCulture, $"    name: \"{model.Key}\"\n");
            text.Append(CultureInfo.InvariantCulture, $"    base_path: \"{Escape(JoinBasePath(basePath, model.Key))}\"\n");
            text.Append(CultureInfo.InvariantCulture, $"    model_platform: \"{Platform(served, formatOf ?? (_ => ArtifactFormat.TensorFlowSavedModel), warn)}\"\n");
            text.Append("    model_version_policy {\n      specific {\n");
            foreach (var number in DistinctInOrder(served))
            {
                text.Append(CultureInfo.InvariantCulture, $"        versions: {number}\n");
            }

            text.Append("      }\n    }\n");
            foreach (var label in served.Where(l => !unlabelled.Contains(l)))
            {
                text.Append(CultureInfo.InvariantCulture, $"    version_labels {{\n      key: \"{label.Label}\"\n      value: {label.Number}\n    }}\n");
            }

            text.Append("  }\n");
        }

        return text.Append("}\n").ToString();
    }

    /// <summary>A version's artifact format, from the manifest the store recorded for it.</summary>
    public static Func<LabelAssignment, ArtifactFormat> FormatsIn(IMetadataReader store) =>
        label => store.Manifest(label.Model, label.Version) is { } manifest ? ArtifactStructure.FormatOf(manifest) : ArtifactFormat.Any;

    public static string Routing(IReadOnlyList<LabelAssignment> labels)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("models");
            foreach (var model in ServedModels(labels))
            {
                var stable = model.FirstOrDefault(l => l.Label == LabelNames.Stable);
                var canary = model.FirstOrDefault(l => l.Label == LabelNames.Canary);
                var canaryWeight = canary is null ? 0 : canary.Weight ?? 0;
                json.WriteStartObject(model.Key);
                if (stable is not null)
                {
                    WriteRoute(json, stable, 100 - canaryWeight);
                }

                if (canary is not null)
                {
                    WriteRoute(json, canary, stable is null ? 100 : canaryWeight);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static IEnumerable<IGrouping<string, LabelAssignment>> ServedModels(IReadOnlyList<LabelAssignment> labels) =>
        labels.Where(l => l.Label is LabelNames.Stable or LabelNames.Canary)
            .OrderBy(l => l.Model, StringComparer.Ordinal)
            .ThenBy(l => l.Label == LabelNames.Stable ? 0 : 1)
            .GroupBy(l => l.Model);

    /// <summary>
    /// TF Serving takes one platform per model, so the loaded versions decide it, stable first: a canary of another
    /// format than stable cannot load beside it, and says so, instead of stable's platform changing under live traffic.
    /// </summary>
    /// <remarks>A loop, not LINQ over (label, platform) tuples, which every label move would compile at run time.</remarks>
    private static string Platform(IReadOnlyList<LabelAssignment> served, Func<LabelAssignment, ArtifactFormat> formatOf, Action<string>? warn)
    {
        var chosen = served[0];
        var platform = PlatformOf(chosen, formatOf);
        for (var i = 1; i < served.Count; i++)
        {
            var other = served[i];
            var otherPlatform = PlatformOf(other, formatOf);
            if (otherPlatform != platform)
            {
                warn?.Invoke(
                    $"Model '{chosen.Model}' loads {chosen.Label} {chosen.Version} ({platform}) and {other.Label} {other.Version} ({otherPlatform}); " +
                    $"TF Serving takes one platform per model, so models.config says '{platform}' and {other.Version} will not load. " +
                    $"Roll the {other.Label} back, or release the other format under its own model name.");
            }
        }

        return platform;
    }

    private static string PlatformOf(LabelAssignment label, Func<LabelAssignment, ArtifactFormat> formatOf) =>
        formatOf(label) == ArtifactFormat.Onnx ? OnnxPlatform : TensorFlowPlatform;

    private static void WriteRoute(Utf8JsonWriter json, LabelAssignment label, int weight)
    {
        json.WriteStartObject(label.Label);
        json.WriteString("version", label.Version);
        json.WriteNumber("number", label.Number);
        json.WriteNumber("weight", weight);
        json.WriteEndObject();
    }

    private static string JoinBasePath(string basePath, string model) =>
        basePath.TrimEnd('/', '\\') + "/" + model + "/" + ServingLayout.ServingDirectoryName;

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    /// <summary>
    /// The served numbers, each once, smallest first: an insertion sort over an array (a model serves a handful of
    /// versions), not LINQ over longs, which every label move would compile at run time on first use.
    /// </summary>
    private static long[] DistinctInOrder(List<LabelAssignment> served)
    {
        var numbers = new long[served.Count];
        var count = 0;
        foreach (var label in served)
        {
            var at = count;
            while (at > 0 && numbers[at - 1] > label.Number)
            {
                at--;
            }

            if (at > 0 && numbers[at - 1] == label.Number)
            {
                continue;
            }

            Array.Copy(numbers, at, numbers, at + 1, count - at);
            numbers[at] = label.Number;
            count++;
        }

        return numbers[..count];
    }
}
