namespace ModelRelease.Pipelines.Demo;

/// <summary>
/// The demo's stand-in for Prometheus: the live values of the sample's analysis checks per version, in the JSON file
/// the file metric source reads (<see cref="FileMetricSource"/>).
/// </summary>
public sealed class LiveMetrics(string path, string model)
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <summary>Sets what serving <paramref name="version"/> shows right now.</summary>
    public void Set(string version, double latencySeconds, double errorRate, double accuracy)
    {
        FileMetricSource.SetValue(Path, model, version, "latency_p99", latencySeconds);
        FileMetricSource.SetValue(Path, model, version, "error_rate", errorRate);
        FileMetricSource.SetValue(Path, model, version, "accuracy", accuracy);
    }
}
