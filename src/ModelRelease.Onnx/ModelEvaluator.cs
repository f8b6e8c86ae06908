using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ModelRelease.Onnx;

/// <summary>
/// Scores models on a labelled evaluation set in ONNX Runtime, one request per example, as a server would run them.
/// Candidate and baseline run example by example in alternating order, so a slow moment of the machine costs both
/// the same and their latencies compare.
/// </summary>
public static class ModelEvaluator
{
    /// <summary>The output holding the probability of the positive class (ML.NET's binary classifiers export <c>Probability.output</c>).</summary>
    public const string ProbabilityOutput = "Probability";

    /// <summary>Requests run first and left out of the latency, so start-up costs (allocations, first-run kernels) do not count.</summary>
    public const int WarmupRequests = 5;

    /// <summary>Scores <paramref name="candidate"/> and, when given, <paramref name="baseline"/> on every example of <paramref name="set"/>.</summary>
    /// <exception cref="ModelInputException">An example does not fit a model's inputs, or a model has no probability output.</exception>
    public static (ModelEvaluation Candidate, ModelEvaluation? Baseline) Evaluate(OnnxModel candidate, OnnxModel? baseline, EvaluationSet set)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(set);
        var models = baseline is null ? new[] { candidate } : [candidate, baseline];
        foreach (var model in models)
        {
            for (var i = 0; i < Math.Min(WarmupRequests, set.Examples.Count); i++)
            {
                Probability(model, set.Examples[i]);
            }
        }

        var scores = models.Select(_ => new Scores(set.Examples.Count)).ToArray();
        for (var i = 0; i < set.Examples.Count; i++)
        {
            for (var k = 0; k < models.Length; k++)
            {
                var m = (i + k) % models.Length;
                var clock = Stopwatch.StartNew();
                var probability = Probability(models[m], set.Examples[i]);
                scores[m].Add(probability, clock.Elapsed.TotalMilliseconds);
            }
        }

        return (Summarise(set, scores[0]), baseline is null ? null : Summarise(set, scores[1]));
    }

    /// <summary>The probability of the positive class that <paramref name="model"/> gives <paramref name="example"/>.</summary>
    public static double Probability(OnnxModel model, EvaluationExample example)
    {
        var outputs = model.Predict(example.Instance);
        if (!outputs.TryGetValue(ProbabilityOutput, out var node) || node is not JsonValue value || !value.TryGetValue<float>(out var probability))
        {
            throw new ModelInputException(
                $"{model.Path} has no '{ProbabilityOutput}' output holding one number (its outputs: {string.Join(", ", model.Signature.Outputs)}); Evaluate scores binary classifiers by the probability of the positive class.");
        }

        return probability;
    }

    private static ModelEvaluation Summarise(EvaluationSet set, Scores scores)
    {
        var slices = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        foreach (var slice in set.Slices)
        {
            var indexes = Enumerable.Range(0, set.Examples.Count).Where(i => set.Examples[i].Slice == slice).ToList();
            slices[slice] = Metrics(indexes.Select(i => set.Examples[i].Label).ToList(), indexes.Select(i => scores.Probabilities[i]).ToList(), indexes.Select(i => scores.Latencies[i]).ToList());
        }

        return new ModelEvaluation(Metrics(set.Examples.Select(e => e.Label).ToList(), scores.Probabilities, scores.Latencies), slices, set.Examples.Count);
    }

    private static Dictionary<string, double> Metrics(IReadOnlyList<bool> labels, IReadOnlyList<double> probabilities, IReadOnlyList<double> latencies)
    {
        var (precision, recall, f1) = ClassificationMetrics.F1(labels, probabilities);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [ModelEvaluation.Accuracy] = ClassificationMetrics.Accuracy(labels, probabilities),
            [ModelEvaluation.Precision] = precision,
            [ModelEvaluation.Recall] = recall,
            [ModelEvaluation.F1] = f1,
            [ModelEvaluation.LogLoss] = ClassificationMetrics.LogLoss(labels, probabilities),
            [ModelEvaluation.LatencyP50] = ClassificationMetrics.Percentile(latencies, 50),
            [ModelEvaluation.LatencyP99] = ClassificationMetrics.Percentile(latencies, 99),
        };
        if (ClassificationMetrics.Auc(labels, probabilities) is { } auc)
        {
            metrics[ModelEvaluation.Auc] = auc;
        }

        return metrics;
    }

    private sealed class Scores(int capacity)
    {
        public List<double> Probabilities { get; } = new(capacity);

        public List<double> Latencies { get; } = new(capacity);

        public void Add(double probability, double milliseconds)
        {
            Probabilities.Add(probability);
            Latencies.Add(milliseconds);
        }
    }
}
