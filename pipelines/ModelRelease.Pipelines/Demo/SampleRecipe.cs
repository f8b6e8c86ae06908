namespace ModelRelease.Pipelines.Demo;

/// <summary>How to train one Demo version: what makes the versions genuinely different.</summary>
/// <param name="Seed">The training seed.</param>
/// <param name="Examples">How many training examples (the data slice).</param>
/// <param name="Dataset">Which dataset, e.g. <c>reviews-2026-10</c>.</param>
/// <param name="Epochs">Training passes.</param>
/// <param name="ShuffleLabels">The deliberately bad variant: labels shuffled before training.</param>
public sealed record SampleRecipe(int Seed, int Examples, string Dataset, int Epochs, bool ShuffleLabels = false);
