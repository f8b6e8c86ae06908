namespace ModelRelease.Onnx;

/// <summary>One input or output of a model: its name, element type and shape (-1 for a dimension of any size).</summary>
/// <param name="Name">The tensor's name in the graph, e.g. <c>text</c> or <c>Probability.output</c>.</param>
/// <param name="ElementType">The element type as ONNX names it: <c>string</c>, <c>float</c>, <c>double</c>, <c>int64</c>, <c>int32</c>, <c>bool</c>.</param>
/// <param name="Shape">The dimensions; -1 where any size is accepted.</param>
public sealed record TensorSpec(string Name, string ElementType, IReadOnlyList<long> Shape)
{
    /// <summary>The shape as text, e.g. <c>[?,1]</c>.</summary>
    public string ShapeText => "[" + string.Join(",", Shape.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";

    /// <inheritdoc />
    public override string ToString() => $"'{Name}' ({ElementType} {ShapeText})";

    /// <summary>Whether the two describe the same tensor: same name, element type and shape.</summary>
    public bool SameAs(TensorSpec other) => Name == other.Name && ElementType == other.ElementType && Shape.SequenceEqual(other.Shape);
}
