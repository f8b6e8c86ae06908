using ModelRelease.Samples.Sentiment;

namespace ModelRelease.Onnx.Tests;

/// <summary>The real models the tests share, trained once: two good ones, one with its input renamed, one trained on shuffled labels.</summary>
public sealed class OnnxModels : IDisposable
{
    public OnnxModels()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("modelrelease-onnx-tests-").FullName;
        Good = Train("good", new TrainingOptions { Seed = 1, Examples = 1500 });
        Other = Train("other", new TrainingOptions { Seed = 2, Examples = 1500, Dataset = "reviews-2026-10" });
        Renamed = Train("renamed", new TrainingOptions { Seed = 1, Examples = 1500, InputName = "review" });
        Shuffled = Train("shuffled", new TrainingOptions { Seed = 1, Examples = 1500, ShuffleLabels = true });
        EvaluationSet = Path.Combine(Directory, "eval.jsonl");
        SentimentData.WriteEvaluationSet(EvaluationSet, 400);
        Requests = Path.Combine(Directory, "requests.jsonl");
        SentimentData.WriteRequests(Requests, 20);
    }

    public string Directory { get; }

    /// <summary>Model directories, each holding model.onnx.</summary>
    public string Good { get; }

    public string Other { get; }

    public string Renamed { get; }

    public string Shuffled { get; }

    public string EvaluationSet { get; }

    public string Requests { get; }

    public string NewDirectory(string name) => System.IO.Directory.CreateDirectory(Path.Combine(Directory, name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private string Train(string name, TrainingOptions options)
    {
        var directory = Path.Combine(Directory, name);
        SentimentTrainer.Train(options, directory);
        return directory;
    }
}
