using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ModelRelease.Onnx;

/// <summary>
/// Scores models on a labelled evaluation set in ONNX Runtime, one request per example, as a server would run them.
/// Candidate and baseline run example by example in alternating order, and the whole set is timed in
/// <see cref="LatencyRounds"/> rounds, each example's latency being its fastest round: a moment when the machine is
/// busy elsewhere (another job, a CI neighbour) stalls a request in one round, not the same request in every round,
/// so it is not counted as the model's cost, and the two models' p99 latencies compare.
/// </summary>
public static class ModelEvaluator
{
    /// <summary>The output holding the probability of the positive class (ML.NET's binary classifiers export <c>Probability.output</c>).</summary>
    public const string ProbabilityOutput = "Probability";

    /// <summary>Requests run first and left out of the latency, so start-up costs (allocations, first-run kernels) do not count.</summary>
    public const int WarmupRequests = 5;

    /// <summary>
    /// How many times each example is timed on each model. With one round, a loaded two-core machine moved the p99 of
    /// one of two identical-cost models by over 10 ms (a stall landing on a handful of its 600 requests), and the
    /// sample's gate (p99 at most 5 ms above stable's) rejected a candidate for the machine's noise.
    /// </summary>
    public const int LatencyRounds = 3;

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
        for (var round = 0; round < LatencyRounds; round++)
        {
            for (var i = 0; i < set.Examples.Count; i++)
            {
                for (var k = 0; k < models.Length; k++)
                {
                    var m = (i + k + round) % models.Length;
                    var clock = Stopwatch.StartNew();
                    var probability = Probability(models[m], set.Examples[i]);
                    scores[m].Add(round, i, probability, clock.Elapsed.TotalMilliseconds);
                }
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

        /// <summary>Each example's fastest round so far.</summary>
        public List<double> Latencies { get; } = new(capacity);

        /// <summary>The first round adds each example; a later one only keeps a faster time (the model scores the same).</summary>
        public void Add(int round, int example, double probability, double milliseconds)
        {
            if (round == 0)
            {
                Probabilities.Add(probability);
                Latencies.Add(milliseconds);
            }
            else
            {
                Latencies[example] = Math.Min(Latencies[example], milliseconds);
            }
        }
    }
}
