namespace ModelRelease;

/// <summary>What one measurement of an <see cref="AnalysisCheck"/> said about the canary (Argo Rollouts' measurement phases).</summary>
public enum MeasurementVerdict
{
    /// <summary>The success condition held.</summary>
    Successful,

    /// <summary>The failure condition held, or, without one, the success condition did not.</summary>
    Failed,

    /// <summary>No data to judge by, or neither condition held.</summary>
    Inconclusive,

    /// <summary>The metric source could not answer (unreachable, timed out, rejected the query).</summary>
    Error,
}
