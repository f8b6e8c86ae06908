using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ModelRelease.Onnx.Internal;

/// <summary>Turns one TF Serving instance into ONNX Runtime inputs of batch size one, with errors that name the input.</summary>
internal static class InstanceTensors
{
    public static IReadOnlyList<NamedOnnxValue> For(IReadOnlyList<TensorSpec> inputs, JsonElement instance)
    {
        if (instance.ValueKind != JsonValueKind.Object && inputs.Count != 1)
        {
            throw new ModelInputException($"The model takes {inputs.Count} inputs ({string.Join(", ", inputs)}), so each instance must be an object naming them, e.g. {{\"{inputs[0].Name}\": …}}.");
        }

        var values = new List<NamedOnnxValue>(inputs.Count);
        foreach (var input in inputs)
        {
            JsonElement value;
            if (instance.ValueKind == JsonValueKind.Object)
            {
                if (!instance.TryGetProperty(input.Name, out value))
                {
                    var given = string.Join(", ", instance.EnumerateObject().Select(p => $"'{p.Name}'"));
                    throw new ModelInputException($"The instance has no input '{input.Name}' ({input.ElementType} {input.ShapeText}); it gives {(given.Length == 0 ? "nothing" : given)}. Name the model's inputs: {string.Join(", ", inputs)}.");
                }
            }
            else
            {
                value = instance;
            }

            values.Add(Tensor(input, value));
        }

        return values;
    }

    private static NamedOnnxValue Tensor(TensorSpec input, JsonElement value)
    {
        var leaves = new List<JsonElement>();
        Flatten(value, leaves);
        var dimensions = Dimensions(input, leaves.Count);
        return input.ElementType switch
        {
            "string" => Create(input, leaves, dimensions, e => (e.ValueKind == JsonValueKind.String, e.ValueKind == JsonValueKind.String ? e.GetString()! : string.Empty)),
            "float" => Create(input, leaves, dimensions, e => (e.ValueKind == JsonValueKind.Number && e.TryGetSingle(out var f), e.ValueKind == JsonValueKind.Number ? e.GetSingle() : 0f)),
            "double" => Create(input, leaves, dimensions, e => (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out _), e.ValueKind == JsonValueKind.Number ? e.GetDouble() : 0d)),
            "int64" => Create(input, leaves, dimensions, e => (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out _), e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var l) ? l : 0L)),
            "int32" => Create(input, leaves, dimensions, e => (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out _), e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var i) ? i : 0)),
            "bool" => Create(input, leaves, dimensions, e => (e.ValueKind is JsonValueKind.True or JsonValueKind.False, e.ValueKind == JsonValueKind.True)),
            _ => throw new ModelInputException($"Input '{input.Name}' is of type {input.ElementType}, which requests cannot carry; serve a model whose inputs are strings, numbers or booleans."),
        };
    }

    private static NamedOnnxValue Create<T>(TensorSpec input, List<JsonElement> leaves, int[] dimensions, Func<JsonElement, (bool Ok, T Value)> read)
    {
        var values = new T[leaves.Count];
        for (var i = 0; i < leaves.Count; i++)
        {
            var (ok, value) = read(leaves[i]);
            values[i] = ok ? value : throw new ModelInputException($"Input '{input.Name}' takes {input.ElementType} values, but the instance gives {Shown(leaves[i])}.");
        }

        return NamedOnnxValue.CreateFromTensor(input.Name, new DenseTensor<T>(values, dimensions));
    }

    private static string Shown(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 40 ? text[..40] + "…" : text;
    }

    private static void Flatten(JsonElement value, List<JsonElement> leaves)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                Flatten(item, leaves);
            }
        }
        else
        {
            leaves.Add(value);
        }
    }

    /// <summary>The shape of one instance: the batch dimension is 1, one other open dimension takes what is left.</summary>
    private static int[] Dimensions(TensorSpec input, int count)
    {
        var dimensions = input.Shape.Select(d => (int)d).ToArray();
        if (dimensions.Length == 0)
        {
            return count == 1 ? [] : throw new ModelInputException($"Input '{input.Name}' takes one value, but the instance gives {count}.");
        }

        if (dimensions[0] < 0)
        {
            dimensions[0] = 1;
        }

        var fixedSize = dimensions.Where(d => d > 0).Aggregate(1, (a, b) => a * b);
        var open = Array.FindIndex(dimensions, d => d < 0);
        if (open >= 0 && fixedSize > 0 && count % fixedSize == 0)
        {
            dimensions[open] = count / fixedSize;
            for (var i = open + 1; i < dimensions.Length; i++)
            {
                dimensions[i] = dimensions[i] < 0 ? 1 : dimensions[i];
            }
        }

        var size = dimensions.Aggregate(1, (a, b) => a * b);
        if (size != count)
        {
            throw new ModelInputException(string.Create(CultureInfo.InvariantCulture, $"Input '{input.Name}' takes {input.ShapeText} per request ({size} values for one instance), but the instance gives {count}."));
        }

        return dimensions;
    }
}
