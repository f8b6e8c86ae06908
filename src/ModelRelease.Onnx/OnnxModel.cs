using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntime;
using ModelRelease.Onnx.Internal;

namespace ModelRelease.Onnx;

/// <summary>
/// One ONNX model loaded in ONNX Runtime, ready to answer one instance at a time. Instances are TF Serving's:
/// an object of named inputs (<c>{"text": "great film"}</c>), or a bare value for a model with one input.
/// Predictions are safe to make from several threads at once.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    /// <summary>The suffix ML.NET gives every exported output; predictions name outputs without it.</summary>
    public const string OutputSuffix = ".output";

    private readonly InferenceSession _session;

    private OnnxModel(string path, InferenceSession session)
    {
        Path = path;
        _session = session;
        Signature = new ModelSignature(
            session.InputMetadata.Select(m => Spec(m.Key, m.Value)).ToList(),
            session.OutputMetadata.Select(m => Spec(m.Key, m.Value)).ToList());
    }

    /// <summary>The ONNX file loaded.</summary>
    public string Path { get; }

    /// <summary>The model's inputs and outputs.</summary>
    public ModelSignature Signature { get; }

    /// <summary>
    /// The ONNX file of a model directory: its only top-level <c>*.onnx</c> file, or <c>model.onnx</c> when there are
    /// several; null when it holds none (a SavedModel, say), so a caller can report "not an ONNX model".
    /// </summary>
    public static string? FindModelFile(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return null;
        }

        var files = Directory.GetFiles(directory, "*.onnx", SearchOption.TopDirectoryOnly);
        return files.Length switch
        {
            0 => null,
            1 => files[0],
            _ => files.FirstOrDefault(f => System.IO.Path.GetFileName(f) == "model.onnx")
                ?? throw new ModelLoadException($"{directory} holds {files.Length} ONNX files ({string.Join(", ", files.Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal))}) and none is model.onnx; keep one model per version directory, or name the served one model.onnx."),
        };
    }

    /// <summary>Loads a model from an ONNX file, or from a directory holding one (see <see cref="FindModelFile"/>).</summary>
    /// <exception cref="ModelLoadException">No ONNX file there, or ONNX Runtime refused it.</exception>
    public static OnnxModel Load(string path)
    {
        var file = Directory.Exists(path)
            ? FindModelFile(path) ?? throw new ModelLoadException($"{path} holds no *.onnx file, so ONNX Runtime cannot load it; export the model to ONNX (model.onnx) or check the path.")
            : path;
        if (!File.Exists(file))
        {
            throw new ModelLoadException($"The model file {file} does not exist; give an ONNX file or a directory holding model.onnx.");
        }

        // One thread per run: requests run side by side on the server, and a small model gains nothing from more.
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        try
        {
            return new OnnxModel(file, new InferenceSession(file, options));
        }
        catch (OnnxRuntimeException failure)
        {
            throw new ModelLoadException($"ONNX Runtime could not load {file}: {failure.Message.Trim()}", failure);
        }
    }

    /// <summary>Runs one instance and returns every output by name (without ML.NET's <c>.output</c> suffix): a single value as itself, more as an array.</summary>
    /// <exception cref="ModelInputException">The instance does not fit the model's inputs.</exception>
    public IReadOnlyDictionary<string, JsonNode?> Predict(JsonElement instance)
    {
        var inputs = InstanceTensors.For(Signature.Inputs, instance);
        using var results = _session.Run(inputs);
        var outputs = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            outputs[DisplayName(result.Name)] = OutputJson.From(result);
        }

        return outputs;
    }

    /// <summary>An output's name as predictions show it: ML.NET's <c>.output</c> suffix removed.</summary>
    public static string DisplayName(string outputName) =>
        outputName.EndsWith(OutputSuffix, StringComparison.Ordinal) ? outputName[..^OutputSuffix.Length] : outputName;

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private static TensorSpec Spec(string name, NodeMetadata metadata) =>
        new(name, ElementTypes.Name(metadata), metadata.Dimensions.Select(d => (long)d).ToList());
}
