namespace ModelRelease.Samples.Sentiment.Internal;

/// <summary>A row ML.NET trains on; its Text column is renamed to the chosen input name when loaded.</summary>
internal sealed class TrainingRow
{
    public string Text { get; set; } = "";

    public bool Label { get; set; }
}
