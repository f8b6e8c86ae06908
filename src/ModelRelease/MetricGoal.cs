namespace ModelRelease;

/// <summary>Which way a metric improves, so a release policy knows which way is a regression.</summary>
public enum MetricGoal
{
    /// <summary>Bigger is better (accuracy, AUC, F1): a drop is a regression.</summary>
    HigherIsBetter,

    /// <summary>Smaller is better (loss, latency, error rate): growth is a regression.</summary>
    LowerIsBetter,
}
