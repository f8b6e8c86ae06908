namespace ModelRelease.Pipelines.Report;

/// <summary>The policy's verdict on one metric of a candidate.</summary>
public enum MetricVerdict
{
    /// <summary>The policy has no rule for the metric, or the model has no policy here.</summary>
    NoRule,

    /// <summary>Every check of the metric's rule passed.</summary>
    Passed,

    /// <summary>A check of the metric's rule failed.</summary>
    Failed,
}
