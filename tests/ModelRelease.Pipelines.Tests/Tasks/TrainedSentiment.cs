using ModelRelease.Samples.Sentiment;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>
/// Real ONNX models of the sample, trained once per test class: two good ones, one with its input renamed, one on
/// shuffled labels; the evaluation set, the warm-up requests, and the trained sample's policy as a file.
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
        Policy = Path.Combine(Directory, "policy.json");
        File.WriteAllText(Policy, ReleasePolicyFile.ToJson(SampleModel.TrainedPolicy));
    }

    public string Directory { get; }

    public string Good { get; }

    public string Better { get; }

    public string Renamed { get; }

    public string Shuffled { get; }

    public string EvaluationSet { get; }

    public string Requests { get; }

    public string Policy { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private string Train(string name, TrainingOptions options)
    {
        var directory = Path.Combine(Directory, name);
        SentimentTrainer.Train(options, directory);
        return directory;
    }
}
