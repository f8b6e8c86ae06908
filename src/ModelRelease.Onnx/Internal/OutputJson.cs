using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ModelRelease.Onnx.Internal;

/// <summary>One output of a run as JSON: a single element as itself, several as a flat array.</summary>
internal static class OutputJson
{
    public static JsonNode? From(DisposableNamedOnnxValue result) => result.Value switch
    {
        Tensor<float> t => Shape(t.ToArray(), v => float.IsFinite(v) ? JsonValue.Create(v) : null),
        Tensor<double> t => Shape(t.ToArray(), v => double.IsFinite(v) ? JsonValue.Create(v) : null),
        Tensor<long> t => Shape(t.ToArray(), v => JsonValue.Create(v)),
        Tensor<int> t => Shape(t.ToArray(), v => JsonValue.Create(v)),
        Tensor<uint> t => Shape(t.ToArray(), v => JsonValue.Create(v)),
        Tensor<ulong> t => Shape(t.ToArray(), v => JsonValue.Create(v)),
        Tensor<bool> t => Shape(t.ToArray(), v => JsonValue.Create(v)),
        Tensor<string> t => Shape(t.ToArray(), v => JsonValue.Create(v)),
        _ => JsonValue.Create(result.Value?.GetType().Name ?? "null"),
    };

    private static JsonNode? Shape<T>(T[] values, Func<T, JsonNode?> node) =>
        values.Length == 1 ? node(values[0]) : new JsonArray(values.Select(node).ToArray());
}
