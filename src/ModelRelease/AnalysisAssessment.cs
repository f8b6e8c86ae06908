namespace ModelRelease;

/// <summary>How the verdicts of an analysis run's checks make the run's verdict.</summary>
public static class AnalysisAssessment
{
    /// <summary>
    /// The run's verdict: <see cref="AnalysisVerdict.Failed"/> if any check failed, else
    /// <see cref="AnalysisVerdict.Error"/> if any errored, else <see cref="AnalysisVerdict.Inconclusive"/> if any was
    /// inconclusive, else <see cref="AnalysisVerdict.Running"/> if any still runs, else
    /// <see cref="AnalysisVerdict.Successful"/> (also for no checks at all: nothing was asked, nothing failed).
    /// </summary>
    public static AnalysisVerdict Combine(IEnumerable<AnalysisVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var all = verdicts.ToHashSet();
        foreach (var worst in new[] { AnalysisVerdict.Failed, AnalysisVerdict.Error, AnalysisVerdict.Inconclusive, AnalysisVerdict.Running })
        {
            if (all.Contains(worst))
            {
                return worst;
            }
        }

        return AnalysisVerdict.Successful;
    }
}
