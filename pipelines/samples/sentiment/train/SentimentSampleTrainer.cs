using ModelRelease.Pipelines.Demo;

namespace ModelRelease.Samples.Sentiment;

/// <summary>The Demo's trainer: this sample, registered in the host's services (see build/Program.cs).</summary>
public sealed class SentimentSampleTrainer : ISampleTrainer
{
    /// <inheritdoc />
    public SampleTraining Train(SampleRecipe recipe, string directory)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var result = SentimentTrainer.Train(
            new TrainingOptions { Seed = recipe.Seed, Examples = recipe.Examples, Dataset = recipe.Dataset, Epochs = recipe.Epochs, ShuffleLabels = recipe.ShuffleLabels },
            directory);
        return new SampleTraining(result.Hyperparameters, result.DatasetVersion, result.Took);
    }

    /// <inheritdoc />
    public void WriteEvaluationSet(string path) => SentimentData.WriteEvaluationSet(path, 600);

    /// <inheritdoc />
    public void WriteRequests(string path) => SentimentData.WriteRequests(path, 20);
}
