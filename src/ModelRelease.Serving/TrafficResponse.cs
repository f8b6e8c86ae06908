namespace ModelRelease.Serving;

/// <summary>One answered (or failed) request of the load generator.</summary>
/// <param name="At">When the answer arrived, UTC.</param>
/// <param name="Version">The version that answered (the server's <c>X-Model-Version</c> header), or null when none did.</param>
/// <param name="Status">The HTTP status, or 0 when the request got no answer.</param>
/// <param name="Milliseconds">How long the request took.</param>
/// <param name="Error">What went wrong, for a failed request.</param>
public sealed record TrafficResponse(DateTimeOffset At, string? Version, int Status, double Milliseconds, string? Error)
{
    /// <summary>A 200 answer naming its version.</summary>
    public bool Succeeded => Status == 200 && Version is not null;
}
