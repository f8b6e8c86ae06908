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
    public static string ModelsConfig(IReadOnlyList<LabelAssignment> labels, string basePath)
    {
        var text = new StringBuilder("model_config_list {\n");
        foreach (var model in ServedModels(labels))
        {
            var served = model.ToList();
            text.Append("  config {\n");
            text.Append(CultureInfo.InvariantCulture, $"    name: \"{model.Key}\"\n");
            text.Append(CultureInfo.InvariantCulture, $"    base_path: \"{Escape(JoinBasePath(basePath, model.Key))}\"\n");
            text.Append("    model_platform: \"tensorflow\"\n");
            text.Append("    model_version_policy {\n      specific {\n");
            foreach (var number in served.Select(l => l.Number).Distinct().Order())
            {
                text.Append(CultureInfo.InvariantCulture, $"        versions: {number}\n");
            }

            text.Append("      }\n    }\n");
            foreach (var label in served)
            {
                text.Append(CultureInfo.InvariantCulture, $"    version_labels {{\n      key: \"{label.Label}\"\n      value: {label.Number}\n    }}\n");
            }

            text.Append("  }\n");
        }

        return text.Append("}\n").ToString();
    }

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
}
