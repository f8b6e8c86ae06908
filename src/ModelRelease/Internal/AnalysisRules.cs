namespace ModelRelease.Internal;

/// <summary>
/// The checks on an <see cref="AnalysisCheck"/>, shared by its builders (which refuse a bad value where it is given)
/// and <see cref="AnalysisCheck.Validate"/>, which also checks what depends on two settings at once, whatever order
/// the builders were called in.
/// </summary>
internal static class AnalysisRules
{
    public static readonly TimeSpan MaxInterval = TimeSpan.FromHours(24);
    public const int MaxCount = 1000;

    public static IReadOnlyList<string> Sources { get; } = [PrometheusMetricSource.SourceName, FileMetricSource.SourceName];

    public static void RequireName(string? name)
    {
        // The same rule as a metric rule's name: it is only a label for the check, shown in reports and the store.
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new RegistryException("An analysis check has no name. Name what it measures, e.g. AnalysisCheck.Create(\"error-rate\", \"prometheus\", \"…\").");
        }
    }

    public static void RequireSource(string name, string? source)
    {
        if (source is null || !Sources.Contains(source))
        {
            throw new RegistryException(
                $"Analysis check '{DisplayText.Escape(name)}': source '{DisplayText.Escape(source)}' is not one this tool reads. Use {string.Join(" or ", Sources.Select(s => $"\"{s}\""))}.");
        }
    }

    public static void RequireInterval(string name, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero || interval > MaxInterval)
        {
            throw new RegistryException(
                $"Analysis check '{DisplayText.Escape(name)}': interval {DurationText.Format(interval)} is not between 0 and 24h; it is the time between measurements, e.g. 1m or 30s.");
        }
    }

    public static void RequireCount(string name, int count)
    {
        if (count is < 1 or > MaxCount)
        {
            throw new RegistryException(
                $"Analysis check '{DisplayText.Escape(name)}': count is {count}; it is how many measurements the check takes, so give 1 to {MaxCount}, e.g. 5.");
        }
    }

    public static void RequireLimit(string name, string what, int limit, string example)
    {
        if (limit < 0)
        {
            throw new RegistryException(
                $"Analysis check '{DisplayText.Escape(name)}': {what} is {limit}; it counts measurements the check tolerates, so give 0 or more, e.g. {example}.");
        }
    }

    /// <summary>The checks that involve two settings, so they are made once the check is complete.</summary>
    public static void RequireConsistent(AnalysisCheck check)
    {
        var name = DisplayText.Escape(check.Name);
        if (check.SuccessCondition is null)
        {
            throw new RegistryException(
                $"Analysis check '{name}' has no success condition. Add one, e.g. .SucceedsWhen(\"canary <= 0.01\") or \"successCondition\": \"canary <= 1.2 * stable\".");
        }

        if (check.Query is null)
        {
            throw new RegistryException($"Analysis check '{name}' has no query. Give the query that measures one version, e.g. AnalysisCheck.Create(\"{name}\", \"prometheus\", \"…{{{{version}}}}…\").");
        }

        if (check.FailureLimit >= check.Count)
        {
            throw new RegistryException(
                $"Analysis check '{name}': failure limit {check.FailureLimit} is not below count {check.Count}, so the check could never fail: it fails when more than {check.FailureLimit} of {check.Count} measurements fail. Lower the limit below {check.Count}, or raise the count.");
        }

        if (check.InconclusiveLimit >= check.Count)
        {
            throw new RegistryException(
                $"Analysis check '{name}': inconclusive limit {check.InconclusiveLimit} is not below count {check.Count}, so the check could never stop as inconclusive: it does when more than {check.InconclusiveLimit} of {check.Count} measurements are. Lower the limit below {check.Count}, or raise the count.");
        }
    }
}
