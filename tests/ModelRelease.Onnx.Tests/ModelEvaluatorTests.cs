using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelRelease.Testing;

namespace ModelRelease.Onnx.Tests;

public sealed class ModelEvaluatorTests(TrainedSentiment models) : IClassFixture<TrainedSentiment>
{
    private static readonly (string Text, bool Label, string Slice)[] TinySet =
    [
        ("great film loved it", true, "movies"),
        ("awful plot boring actor", false, "movies"),
        ("wonderful story excellent", true, "movies"),
        ("terrible bad movie", false, "movies"),
        ("good product works fine", true, "products"),
        ("poor quality broke sad", false, "products"),
        ("happy with the price", true, "products"),
        ("hate it awful", false, "products"),
        ("the plot was a film", true, "movies"),
        ("it arrived today", false, "products"),
        ("excellent but boring", true, "movies"),
        ("bad yet wonderful", false, "products"),
    ];

    [Fact]
    public void Should_Give_The_Metrics_A_Reference_Computation_Gives_On_A_Tiny_Set()
    {
        var path = WriteTinySet();
        var set = EvaluationSet.Load(path);
        using var model = OnnxModel.Load(models.Good);

        var (evaluation, baseline) = ModelEvaluator.Evaluate(model, null, set);

        // The reference: ONNX Runtime called directly, metrics counted the long way (pairs for AUC, confusion counts).
        var probabilities = ReferenceProbabilities(Path.Combine(models.Good, "model.onnx"), TinySet.Select(r => r.Text));
        var labels = TinySet.Select(r => r.Label).ToArray();
        var predicted = probabilities.Select(p => p >= 0.5).ToArray();
        var accuracy = labels.Zip(predicted).Count(x => x.First == x.Second) / (double)labels.Length;
        var tp = labels.Zip(predicted).Count(x => x.First && x.Second);
        var fp = labels.Zip(predicted).Count(x => !x.First && x.Second);
        var fn = labels.Zip(predicted).Count(x => x.First && !x.Second);
        var precision = tp / (double)(tp + fp);
        var recall = tp / (double)(tp + fn);
        var f1 = 2 * precision * recall / (precision + recall);
        double wins = 0;
        var positives = Enumerable.Range(0, labels.Length).Where(i => labels[i]).ToList();
        var negatives = Enumerable.Range(0, labels.Length).Where(i => !labels[i]).ToList();
        foreach (var p in positives)
        {
            foreach (var n in negatives)
            {
                wins += probabilities[p] > probabilities[n] ? 1 : probabilities[p] == probabilities[n] ? 0.5 : 0;
            }
        }

        var auc = wins / (positives.Count * negatives.Count);
        var logLoss = -labels.Select((l, i) => l ? Math.Log(probabilities[i]) : Math.Log(1 - probabilities[i])).Average();

        Assert.Null(baseline);
        Assert.Equal(TinySet.Length, evaluation.Examples);
        Assert.Equal(accuracy, evaluation.Metrics["accuracy"], 12);
        Assert.Equal(precision, evaluation.Metrics["precision"], 12);
        Assert.Equal(recall, evaluation.Metrics["recall"], 12);
        Assert.Equal(f1, evaluation.Metrics["f1"], 12);
        Assert.Equal(auc, evaluation.Metrics["auc"], 12);
        Assert.Equal(logLoss, evaluation.Metrics["log_loss"], 9);
        Assert.True(evaluation.Metrics["latency_p50_ms"] > 0);
        Assert.True(evaluation.Metrics["latency_p99_ms"] >= evaluation.Metrics["latency_p50_ms"]);

        // Each slice is scored on its own rows only.
        var movies = Enumerable.Range(0, labels.Length).Where(i => TinySet[i].Slice == "movies").ToList();
        var moviesAccuracy = movies.Count(i => predicted[i] == labels[i]) / (double)movies.Count;
        Assert.Equal(["movies", "products"], evaluation.Slices.Keys.Order());
        Assert.Equal(moviesAccuracy, evaluation.Slices["movies"]["accuracy"], 12);
    }

    [Fact]
    public void Should_Score_Candidate_And_Stable_On_The_Same_Set_And_Tell_A_Bad_Model_Apart()
    {
        var set = EvaluationSet.Load(models.EvaluationSet);
        using var good = OnnxModel.Load(models.Good);
        using var shuffled = OnnxModel.Load(models.Shuffled);

        var (candidate, stable) = ModelEvaluator.Evaluate(shuffled, good, set);

        Assert.NotNull(stable);
        Assert.Equal(set.Examples.Count, candidate.Examples);
        Assert.Equal(set.Examples.Count, stable.Examples);
        Assert.True(stable.Metrics["accuracy"] > 0.8, $"good model accuracy {stable.Metrics["accuracy"]}");
        Assert.True(candidate.Metrics["accuracy"] < 0.7, $"shuffled-labels model accuracy {candidate.Metrics["accuracy"]}");
        Assert.True(candidate.Metrics["log_loss"] > stable.Metrics["log_loss"]);
    }

    [Fact]
    public void Should_Name_The_Missing_Input_When_The_Set_Does_Not_Fit_The_Model()
    {
        var set = EvaluationSet.Load(models.EvaluationSet);
        using var renamed = OnnxModel.Load(models.Renamed);

        var error = Assert.Throws<ModelInputException>(() => ModelEvaluator.Evaluate(renamed, null, set));

        Assert.Contains("no input 'review'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'text'", error.Message, StringComparison.Ordinal);
    }

    private string WriteTinySet()
    {
        var path = Path.Combine(models.NewDirectory("tiny"), "tiny.jsonl");
        File.WriteAllLines(path, TinySet.Select(r => JsonSerializer.Serialize(new { instance = new { text = r.Text }, label = r.Label ? 1 : 0, slice = r.Slice })));
        return path;
    }

    private static double[] ReferenceProbabilities(string file, IEnumerable<string> texts)
    {
        using var session = new InferenceSession(file);
        return texts.Select(text =>
        {
            using var results = session.Run([NamedOnnxValue.CreateFromTensor("text", new DenseTensor<string>(new[] { text }, [1, 1]))]);
            return (double)results.Single(r => r.Name == "Probability.output").AsTensor<float>().Single();
        }).ToArray();
    }
}
