namespace ModelRelease.Onnx;

/// <summary>
/// The binary-classification metrics Evaluate reports, as pure functions of true labels and predicted
/// probabilities of the positive class, so a test can check them against an independent computation.
/// </summary>
public static class ClassificationMetrics
{
    /// <summary>Probabilities are clipped to [ε, 1 − ε] for log loss, as scikit-learn and ML.NET do, so one confident miss is large but finite.</summary>
    public const double LogLossEpsilon = 1e-15;

    /// <summary>The share of examples whose predicted class (probability ≥ <paramref name="threshold"/>) is the true one.</summary>
    public static double Accuracy(IReadOnlyList<bool> labels, IReadOnlyList<double> probabilities, double threshold = 0.5)
    {
        Check(labels, probabilities);
        var right = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            right += (probabilities[i] >= threshold) == labels[i] ? 1 : 0;
        }

        return (double)right / labels.Count;
    }

    /// <summary>Precision, recall and F1 of the positive class; each is 0 where its denominator is (no positive predicted or present).</summary>
    public static (double Precision, double Recall, double F1) F1(IReadOnlyList<bool> labels, IReadOnlyList<double> probabilities, double threshold = 0.5)
    {
        Check(labels, probabilities);
        int truePositive = 0, falsePositive = 0, falseNegative = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var predicted = probabilities[i] >= threshold;
            truePositive += predicted && labels[i] ? 1 : 0;
            falsePositive += predicted && !labels[i] ? 1 : 0;
            falseNegative += !predicted && labels[i] ? 1 : 0;
        }

        var precision = truePositive + falsePositive == 0 ? 0 : (double)truePositive / (truePositive + falsePositive);
        var recall = truePositive + falseNegative == 0 ? 0 : (double)truePositive / (truePositive + falseNegative);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return (precision, recall, f1);
    }

    /// <summary>
    /// The area under the ROC curve: the chance that a random positive scores above a random negative, ties counting
    /// half (the Mann–Whitney statistic over average ranks). Null when the examples hold only one class.
    /// </summary>
    public static double? Auc(IReadOnlyList<bool> labels, IReadOnlyList<double> probabilities)
    {
        Check(labels, probabilities);
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        var order = Enumerable.Range(0, labels.Count).OrderBy(i => probabilities[i]).ToArray();
        double positiveRankSum = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && probabilities[order[end + 1]] == probabilities[order[start]])
            {
                end++;
            }

            // Tied scores share the average of the ranks they span (ranks are 1-based).
            var averageRank = (start + end + 2) / 2.0;
            for (var k = start; k <= end; k++)
            {
                positiveRankSum += labels[order[k]] ? averageRank : 0;
            }

            start = end + 1;
        }

        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>The mean negative log-likelihood of the true labels (natural log), probabilities clipped by <see cref="LogLossEpsilon"/>.</summary>
    public static double LogLoss(IReadOnlyList<bool> labels, IReadOnlyList<double> probabilities)
    {
        Check(labels, probabilities);
        double sum = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var p = Math.Clamp(probabilities[i], LogLossEpsilon, 1 - LogLossEpsilon);
            sum -= labels[i] ? Math.Log(p) : Math.Log(1 - p);
        }

        return sum / labels.Count;
    }

    /// <summary>The nearest-rank percentile (0–100) of <paramref name="values"/>: the smallest value with at least that share of the values at or below it.</summary>
    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("A percentile of no values is undefined.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    private static void Check(IReadOnlyList<bool> labels, IReadOnlyList<double> probabilities)
    {
        if (labels.Count != probabilities.Count || labels.Count == 0)
        {
            throw new ArgumentException($"Metrics need as many labels as probabilities, at least one (got {labels.Count} and {probabilities.Count}).");
        }
    }
}
