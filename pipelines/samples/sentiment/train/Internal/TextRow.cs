namespace ModelRelease.Samples.Sentiment.Internal;

/// <summary>
/// The only column the exported model takes. ONNX export reads its inputs from the schema it is given: exporting with
/// this instead of <see cref="TrainingRow"/> keeps Label out of the graph, so it has exactly one input.
/// </summary>
internal sealed class TextRow
{
    public string Text { get; set; } = "";
}
