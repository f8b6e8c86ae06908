using ModelRelease.Onnx;

namespace ModelRelease.Serving;

/// <summary>What the load generator sends: labelled examples to one model of a server, at a bounded rate, for a bounded time or count.</summary>
public sealed record TrafficOptions
{
    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:8501/</c>.</summary>
    public required Uri Server { get; init; }

    /// <summary>The model the requests go to (<c>POST /v1/models/&lt;model&gt;:predict</c>, routed by the server's weights).</summary>
    public required string Model { get; init; }

    /// <summary>The examples sent, in turn; each request carries one instance and, with <see cref="SendLabels"/>, its true label.</summary>
    public required IReadOnlyList<EvaluationExample> Examples { get; init; }

    /// <summary>The request rate across all workers; the generator never exceeds it.</summary>
    public double RequestsPerSecond { get; init; } = 50;

    /// <summary>How many requests may be in flight at once.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Stop after this long (null: only <see cref="MaxRequests"/> or cancellation stops it).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Stop after this many requests (null: no count bound).</summary>
    public long? MaxRequests { get; init; }

    /// <summary>Send each example's true label (<c>"labels"</c>), so the server can report live accuracy per version.</summary>
    public bool SendLabels { get; init; } = true;

    /// <summary>How long one request may take before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
