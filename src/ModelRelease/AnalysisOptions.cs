namespace ModelRelease;

/// <summary>How one call of <see cref="CanaryAnalyzer.AnalyzeAsync"/> runs.</summary>
public sealed record AnalysisOptions
{
    /// <summary>
    /// How long the call may wait for the next measurement to fall due. Zero (the default) takes the measurements due
    /// now and returns, which suits a scheduled job; a longer wait lets one call take the rest of the run.
    /// </summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.Zero;

    /// <summary>Begin a new run for the canary even when the last one concluded (or is open) for the same step.</summary>
    public bool Restart { get; init; }

    /// <summary>Measure and judge, but record nothing: the run, its measurements and the decision stay in memory.</summary>
    public bool DryRun { get; init; }

    /// <summary>Called with each measurement once it is recorded (or, in a dry run, taken), for live progress.</summary>
    public Action<AnalysisMeasurement>? Progress { get; init; }
}
