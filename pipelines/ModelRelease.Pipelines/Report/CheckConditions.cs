namespace ModelRelease.Pipelines.Report;

/// <summary>The conditions an analysis check was judged by, as the policy wrote them.</summary>
/// <param name="Success">When a measurement succeeds, e.g. <c>canary &lt;= 0.05</c>.</param>
/// <param name="Failure">When it fails, if the check says so.</param>
public sealed record CheckConditions(string? Success, string? Failure);
