using ModelRelease.Samples.Sentiment;

namespace ModelRelease.Testing;

/// <summary>
/// Real ONNX models of the sample, trained once per test class (about a second each): a good one, a better one on
/// more and other data, one with its input renamed, one trained on shuffled labels; and the held-out evaluation set
/// and warm-up requests they are judged on.
/// </summary>
public sealed class TrainedSentiment : IDisposable
{
    public TrainedSentiment()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("modelrelease-trained-").FullName;
        Good = Train("good", new TrainingOptions { Seed = 1, Examples = 2000 });
        Better = Train("better", new TrainingOptions { Seed = 2, Examples = 4000, Dataset = "reviews-2026-10" });
        Renamed = Train("renamed", new TrainingOptions { Seed = 2, Examples = 2000, InputName = "review" });
        Shuffled = Train("shuffled", new TrainingOptions { Seed = 3, Examples = 2000, ShuffleLabels = true });
        EvaluationSet = Path.Combine(Directory, "eval.jsonl");
        SentimentData.WriteEvaluationSet(EvaluationSet, 400);
        Requests = Path.Combine(Directory, "requests.jsonl");
        SentimentData.WriteRequests(Requests, 20);
    }

    public string Directory { get; }

    /// <summary>Model directories, each holding model.onnx.</summary>
    public string Good { get; }

    public string Better { get; }

    /// <summary>Input 'review' where the others take 'text'.</summary>
    public string Renamed { get; }

    /// <summary>The deliberately bad variant: about 0.54 accurate where the good ones are about 0.88.</summary>
    public string Shuffled { get; }

    public string EvaluationSet { get; }

    public string Requests { get; }

    /// <summary>A new empty directory of the fixture's, for a test's own files.</summary>
    public string NewDirectory(string name) => System.IO.Directory.CreateDirectory(Path.Combine(Directory, name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private string Train(string name, TrainingOptions options)
    {
        var directory = Path.Combine(Directory, name);
        SentimentTrainer.Train(options, directory);
        return directory;
    }
}
