namespace ModelRelease;

/// <summary>Where an analysis stands: one check's measurements so far (<see cref="AnalysisCheck.Assess"/>), or a whole run's (<see cref="AnalysisAssessment.Combine"/>).</summary>
public enum AnalysisVerdict
{
    /// <summary>More measurements are needed before a verdict.</summary>
    Running,

    /// <summary>Every measurement needed was taken and the limits held: the canary may be promoted.</summary>
    Successful,

    /// <summary>More failed measurements than the failure limit: the canary should be rolled back.</summary>
    Failed,

    /// <summary>More inconclusive measurements than the limit: a person has to decide.</summary>
    Inconclusive,

    /// <summary>More consecutive source errors than the limit: the analysis could not measure.</summary>
    Error,
}
