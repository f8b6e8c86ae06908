using ModelRelease.Samples.Sentiment;

namespace ModelRelease.Serving.Tests.Fixtures;

/// <summary>Three real sentiment models, trained once for every serving test: two good ones (seeds 1 and 2) and one trained on shuffled labels.</summary>
public sealed class TrainedModels : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelrelease-serving-models-").FullName;

    public TrainedModels()
    {
        Good = Train("good", new TrainingOptions { Seed = 1, Examples = 2000 });
        Other = Train("other", new TrainingOptions { Seed = 2, Examples = 2000 });
        Bad = Train("bad", new TrainingOptions { Seed = 1, Examples = 2000, ShuffleLabels = true });
    }

    /// <summary>The model file of a well-trained model (seed 1).</summary>
    public string Good { get; }

    /// <summary>Another well-trained model (seed 2).</summary>
    public string Other { get; }

    /// <summary>A model trained on shuffled labels: it loads and answers, but about half its answers are wrong.</summary>
    public string Bad { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Train(string name, TrainingOptions options) =>
        SentimentTrainer.Train(options, Path.Combine(_directory, name)).ModelPath;
}
