using System.Text.Json;

namespace ModelRelease.Onnx;

/// <summary>One labelled example of an evaluation set.</summary>
/// <param name="Instance">The model input, as a TF Serving instance.</param>
/// <param name="Label">The true class: true for positive.</param>
/// <param name="Slice">The slice the example belongs to (e.g. <c>movies</c>), or null.</param>
public sealed record EvaluationExample(JsonElement Instance, bool Label, string? Slice);
