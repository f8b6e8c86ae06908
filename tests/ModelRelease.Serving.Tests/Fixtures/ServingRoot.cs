using System.Globalization;
using System.Text;

namespace ModelRelease.Serving.Tests.Fixtures;

/// <summary>
/// A serving root built by hand in a temp directory, in the layout ModelRelease writes:
/// <c>&lt;model&gt;/versions/&lt;name&gt;/model.onnx</c>, <c>&lt;model&gt;/serving/&lt;n&gt; -&gt; ../versions/&lt;name&gt;</c>,
/// and models.config / routing.json replaced atomically (a sibling renamed over them), as label moves do.
/// </summary>
public sealed class ServingRoot : IDisposable
{
    public ServingRoot() => Path = Directory.CreateTempSubdirectory("modelrelease-serving-root-").FullName;

    public string Path { get; }

    /// <summary>Adds version <paramref name="name"/> numbered <paramref name="number"/> holding a copy of the model.onnx in <paramref name="modelDirectory"/>.</summary>
    public void AddVersion(string model, string name, long number, string modelDirectory)
    {
        var directory = VersionDirectory(model, name);
        Directory.CreateDirectory(directory);
        File.Copy(System.IO.Path.Combine(modelDirectory, "model.onnx"), System.IO.Path.Combine(directory, "model.onnx"));
        Link(model, name, number);
    }

    /// <summary>Adds a version whose model.onnx is not a model, so ONNX Runtime refuses it.</summary>
    public void AddBrokenVersion(string model, string name, long number)
    {
        var directory = VersionDirectory(model, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(System.IO.Path.Combine(directory, "model.onnx"), "this is not an ONNX model");
        Link(model, name, number);
    }

    public string VersionDirectory(string model, string name) => System.IO.Path.Combine(Path, model, "versions", name);

    /// <summary>Writes models.config and routing.json: each model loads <paramref name="routes"/>' versions (plus <paramref name="extra"/>), labelled and weighted.</summary>
    public void Configure(string model, IReadOnlyList<(string Label, string Version, long Number, int Weight)> routes, params long[] extra)
    {
        var config = new StringBuilder("model_config_list {\n  config {\n");
        config.Append(CultureInfo.InvariantCulture, $"    name: \"{model}\"\n    base_path: \"{Path}/{model}/serving\"\n    model_platform: \"onnx\"\n");
        config.Append("    model_version_policy {\n      specific {\n");
        foreach (var number in routes.Select(r => r.Number).Concat(extra).Distinct().Order())
        {
            config.Append(CultureInfo.InvariantCulture, $"        versions: {number}\n");
        }

        config.Append("      }\n    }\n");
        foreach (var route in routes)
        {
            config.Append(CultureInfo.InvariantCulture, $"    version_labels {{\n      key: \"{route.Label}\"\n      value: {route.Number}\n    }}\n");
        }

        config.Append("  }\n}\n");
        var routing = new StringBuilder("{\n  \"models\": {\n    \"" + model + "\": {\n");
        routing.AppendJoin(",\n", routes.Select(r => string.Create(CultureInfo.InvariantCulture, $"      \"{r.Label}\": {{ \"version\": \"{r.Version}\", \"number\": {r.Number}, \"weight\": {r.Weight} }}")));
        routing.Append("\n    }\n  }\n}\n");
        Replace("models.config", config.ToString());
        Replace("routing.json", routing.ToString());
    }

    /// <summary>Replaces a file of the root atomically, as a label move does.</summary>
    public void Replace(string file, string text)
    {
        var target = System.IO.Path.Combine(Path, file);
        var temporary = target + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, target, overwrite: true);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);

    private void Link(string model, string name, long number)
    {
        var serving = System.IO.Path.Combine(Path, model, "serving");
        Directory.CreateDirectory(serving);
        File.CreateSymbolicLink(System.IO.Path.Combine(serving, number.ToString(CultureInfo.InvariantCulture)), $"../versions/{name}");
    }
}
