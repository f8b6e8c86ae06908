namespace ModelRelease.Serving;

/// <summary>What a load-generator run sent and got back.</summary>
/// <param name="Requests">Requests sent.</param>
/// <param name="Failures">Requests that got no 200 answer naming a version.</param>
/// <param name="ByVersion">Successful answers per version.</param>
/// <param name="Took">How long the run took.</param>
public sealed record TrafficSummary(long Requests, long Failures, IReadOnlyDictionary<string, long> ByVersion, TimeSpan Took);
