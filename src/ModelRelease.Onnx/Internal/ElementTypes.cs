using Microsoft.ML.OnnxRuntime;

namespace ModelRelease.Onnx.Internal;

/// <summary>ONNX's names for the element types a signature shows, so a type change reads the same as in the model's graph.</summary>
internal static class ElementTypes
{
    public static string Name(NodeMetadata metadata)
    {
        if (!metadata.IsTensor)
        {
            return metadata.OnnxValueType.ToString().ToLowerInvariant();
        }

        var type = metadata.ElementType;
        return type == typeof(string) ? "string"
            : type == typeof(float) ? "float"
            : type == typeof(double) ? "double"
            : type == typeof(long) ? "int64"
            : type == typeof(int) ? "int32"
            : type == typeof(bool) ? "bool"
            : type == typeof(uint) ? "uint32"
            : type == typeof(ulong) ? "uint64"
            : type.Name.ToLowerInvariant();
    }
}
