namespace ModelRelease.Samples.Sentiment.Tests.Fixtures;

/// <summary>
/// The few trainings the tests share (each takes about a second): a good model twice with the same options, the
/// shuffled-labels model, a model with a renamed input, and an evaluation set.
/// </summary>
public sealed class TrainedModels : IDisposable
{
    public const int EvaluationRows = 1000;

    private readonly string root = Directory.CreateTempSubdirectory("sentiment-trainer-").FullName;

    public TrainedModels()
    {
        Good = SentimentTrainer.Train(new TrainingOptions(), Path.Combine(root, "good"));
        GoodAgain = SentimentTrainer.Train(new TrainingOptions(), Path.Combine(root, "good-again"));
        Shuffled = SentimentTrainer.Train(new TrainingOptions { ShuffleLabels = true }, Path.Combine(root, "shuffled"));
        Renamed = SentimentTrainer.Train(new TrainingOptions { InputName = "review", Examples = 500 }, Path.Combine(root, "renamed"));
        EvaluationPath = Path.Combine(root, "eval.jsonl");
        SentimentData.WriteEvaluationSet(EvaluationPath, EvaluationRows);
        Evaluation = EvaluationRow.ReadAll(EvaluationPath);
    }

    public TrainingResult Good { get; }

    public TrainingResult GoodAgain { get; }

    public TrainingResult Shuffled { get; }

    public TrainingResult Renamed { get; }

    public string EvaluationPath { get; }

    public IReadOnlyList<EvaluationRow> Evaluation { get; }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
