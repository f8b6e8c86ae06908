namespace ModelRelease;

/// <summary>
/// Somewhere canary analysis reads a metric from: Prometheus in production, a JSON file in a rehearsal or a demo. An
/// <see cref="AnalysisCheck"/> names its source by <see cref="Name"/>.
/// </summary>
public interface IMetricSource
{
    /// <summary>"prometheus" or "file": what a check's <see cref="AnalysisCheck.Source"/> names.</summary>
    string Name { get; }

    /// <summary>
    /// The value of <paramref name="query"/> (already rendered from its template) at <paramref name="at"/>. Never
    /// throws for a problem with the source or its data: that is a <see cref="MetricResult.Failure"/> or
    /// <see cref="MetricResult.NoData"/>, judged by the check.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<MetricResult> QueryAsync(string query, DateTimeOffset at, CancellationToken cancellationToken = default);
}
