namespace ModelRelease.Onnx;

/// <summary>
/// One model's scores on an evaluation set: the whole set's metrics and each slice's. Metric names are the ones a
/// release policy names: <c>accuracy</c>, <c>precision</c>, <c>recall</c>, <c>f1</c>, <c>auc</c>, <c>log_loss</c>,
/// <c>latency_p50_ms</c>, <c>latency_p99_ms</c> (per request, one instance each, in ONNX Runtime on this machine; each request's
/// fastest of <see cref="ModelEvaluator.LatencyRounds"/> rounds).
/// </summary>
/// <param name="Metrics">The whole set's metrics.</param>
/// <param name="Slices">Each slice's metrics (latency included), by slice name; empty when the set has no slices.</param>
/// <param name="Examples">How many examples were scored.</param>
public sealed record ModelEvaluation(
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Slices,
    int Examples)
{
    /// <summary><c>accuracy</c>.</summary>
    public const string Accuracy = "accuracy";

    /// <summary><c>precision</c>, of the positive class.</summary>
    public const string Precision = "precision";

    /// <summary><c>recall</c>, of the positive class.</summary>
    public const string Recall = "recall";

    /// <summary><c>f1</c>, of the positive class.</summary>
    public const string F1 = "f1";

    /// <summary><c>auc</c>, the area under the ROC curve (absent when the set holds one class only).</summary>
    public const string Auc = "auc";

    /// <summary><c>log_loss</c>.</summary>
    public const string LogLoss = "log_loss";

    /// <summary><c>latency_p50_ms</c>.</summary>
    public const string LatencyP50 = "latency_p50_ms";

    /// <summary><c>latency_p99_ms</c>.</summary>
    public const string LatencyP99 = "latency_p99_ms";

    /// <summary>Every metric name Evaluate can compute.</summary>
    public static IReadOnlyList<string> Names { get; } = [Accuracy, Precision, Recall, F1, Auc, LogLoss, LatencyP50, LatencyP99];
}
