namespace ModelRelease.Samples.Sentiment;

/// <summary>What one <see cref="SentimentTrainer.Train"/> call produced.</summary>
/// <param name="ModelPath">The full path of the written <c>model.onnx</c>.</param>
/// <param name="Hyperparameters">The settings it was trained with, as also written to <c>hyperparameters.json</c>.</param>
/// <param name="DatasetVersion">
/// The dataset name and a fingerprint of the exact rows trained on (text and label, after any label shuffle), e.g.
/// <c>reviews-2026-09@1a2b3c4d5e6f</c>: the same name with another seed, size or label shuffle is another version.
/// </param>
/// <param name="Examples">How many rows it was trained on.</param>
/// <param name="Took">How long training and export took.</param>
public sealed record TrainingResult(string ModelPath, IReadOnlyDictionary<string, string> Hyperparameters, string DatasetVersion, int Examples, TimeSpan Took);
