namespace ModelRelease.Serving;

/// <summary>What <see cref="ModelServer"/> serves and where it listens.</summary>
public sealed record ServingOptions
{
    /// <summary>The serving root: the directory holding <c>models.config</c>, <c>routing.json</c> and each model's <c>serving/</c> links.</summary>
    public required string Root { get; init; }

    /// <summary>The address to listen on; loopback by default, so a rehearsal is not reachable from the network.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port; TF Serving's REST port by default, 0 for a free port (see <see cref="ModelServer.Address"/>).</summary>
    public int Port { get; init; } = 8501;

    /// <summary>How often <c>models.config</c> and <c>routing.json</c> are re-read to follow label moves.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The models to serve; null serves every model in <c>models.config</c>.</summary>
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>A fixed seed for the weighted router, so a test's traffic split is reproducible; null seeds it randomly.</summary>
    public int? RoutingSeed { get; init; }

    /// <summary>Where the server reports each load, unload, configuration change and error, one line each.</summary>
    public Action<string>? Log { get; init; }
}
