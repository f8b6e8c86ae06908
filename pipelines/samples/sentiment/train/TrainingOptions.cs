namespace ModelRelease.Samples.Sentiment;

/// <summary>
/// How to train one version of the sample model. Every option changes the model: the seed, the size and name of the
/// data, the number of passes, a deliberately bad variant, and the ONNX input name.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Seeds the data sampling (with <see cref="Dataset"/>) and the trainer. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>How many generated rows to train on, at least <see cref="SentimentTrainer.MinimumExamples"/>. Default 2000.</summary>
    public int Examples { get; init; } = 2000;

    /// <summary>Which generated dataset: another name gives other rows (its data seed is derived from the name). Default <c>reviews-2026-09</c>.</summary>
    public string Dataset { get; init; } = "reviews-2026-09";

    /// <summary>The trainer's maximum number of passes over the data (SDCA iterations), at least 1. Default 20.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>The deliberately bad variant: shuffles the labels before training, so the model learns nothing real.</summary>
    public bool ShuffleLabels { get; init; }

    /// <summary>The ONNX input's name, a letter or '_' then letters, digits or '_'. Default <c>text</c>.</summary>
    public string InputName { get; init; } = "text";
}
