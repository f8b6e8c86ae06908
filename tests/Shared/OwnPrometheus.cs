using System.Diagnostics;

namespace ModelRelease.Testing;

/// <summary>A Prometheus a test started for itself (see <see cref="MetricsServices.StartOwnPrometheusAsync"/>), to stop when it likes.</summary>
public sealed class OwnPrometheus(Uri url, Process process, string directory) : IDisposable
{
    /// <summary>Its base URL.</summary>
    public Uri Url { get; } = url;

    /// <summary>Kills it and waits until it is gone: from then on its port refuses connections.</summary>
    public void Stop()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Stop();
        process.Dispose();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
