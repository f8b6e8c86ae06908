using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// One metric that canary analysis measures on the canary (and, when a condition says <c>stable</c>, on the stable
/// version) every <see cref="Interval"/>, <see cref="Count"/> times, judging each measurement by its conditions, as an
/// Argo Rollouts AnalysisTemplate metric does:
/// <code>
/// AnalysisCheck.Create("error-rate", "prometheus", "sum(rate(errors_total{version=\"{{version}}\"}[5m]))")
///     .SucceedsWhen("canary &lt;= 1.2 * stable and canary &lt; 0.05")
///     .FailsWhen("canary &gt; 2 * stable")
///     .Every(TimeSpan.FromSeconds(30))
///     .Times(5)
///     .AllowingFailures(1);
/// </code>
/// Builders refuse a bad value where it is given; <see cref="Validate"/> also checks what two settings decide
/// together (a limit must be below the count), whatever order they were set in.
/// </summary>
public sealed record AnalysisCheck
{
    private AnalysisCheck(string name, string source, QueryTemplate query)
    {
        Name = name;
        Source = source;
        Query = query;
    }

    /// <summary>What the check measures, e.g. "error-rate"; unique within a policy.</summary>
    public string Name { get; init; }

    /// <summary>Which metric source answers the query: "prometheus" or "file".</summary>
    public string Source { get; init; }

    /// <summary>The query, rendered for each version measured.</summary>
    public QueryTemplate Query { get; init; }

    /// <summary>When a measurement succeeds. Required: null only until <see cref="SucceedsWhen"/> is called, which <see cref="Validate"/> refuses.</summary>
    public AnalysisCondition SuccessCondition { get; init; } = null!;

    /// <summary>When a measurement fails; without one, a measurement fails when the success condition does not hold.</summary>
    public AnalysisCondition? FailureCondition { get; init; }

    /// <summary>The time between measurements: more than 0, at most 24 hours.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How many measurements (not counting errors) the check takes before it succeeds: 1–1000.</summary>
    public int Count { get; init; } = 5;

    /// <summary>How many failed measurements are tolerated; one more fails the check.</summary>
    public int FailureLimit { get; init; }

    /// <summary>How many inconclusive measurements are tolerated; one more makes the check inconclusive.</summary>
    public int InconclusiveLimit { get; init; }

    /// <summary>How many errors in a row are tolerated; one more makes the check an error (Argo's default is 4).</summary>
    public int ConsecutiveErrorLimit { get; init; } = 4;

    /// <summary>A check named <paramref name="name"/> that asks <paramref name="source"/> the query <paramref name="query"/>.</summary>
    /// <exception cref="RegistryException">The name is empty, the source unknown, or the query template invalid.</exception>
    public static AnalysisCheck Create(string name, string source, string query)
    {
        AnalysisRules.RequireName(name);
        AnalysisRules.RequireSource(name, source);
        try
        {
            return new AnalysisCheck(name, source, QueryTemplate.Parse(query));
        }
        catch (RegistryException e)
        {
            throw new RegistryException($"Analysis check '{DisplayText.Escape(name)}': {e.Message}", e);
        }
    }

    /// <summary>A copy whose measurements succeed when <paramref name="condition"/> holds.</summary>
    /// <exception cref="RegistryException">The condition does not parse or does not compare.</exception>
    public AnalysisCheck SucceedsWhen(string condition) => this with { SuccessCondition = Condition(condition) };

    /// <summary>A copy whose measurements fail when <paramref name="condition"/> holds.</summary>
    /// <exception cref="RegistryException">The condition does not parse or does not compare.</exception>
    public AnalysisCheck FailsWhen(string condition) => this with { FailureCondition = Condition(condition) };

    /// <summary>A copy that measures every <paramref name="interval"/>.</summary>
    /// <exception cref="RegistryException">The interval is not more than 0 and at most 24 hours.</exception>
    public AnalysisCheck Every(TimeSpan interval)
    {
        AnalysisRules.RequireInterval(Name, interval);
        return this with { Interval = interval };
    }

    /// <summary>A copy that takes <paramref name="count"/> measurements.</summary>
    /// <exception cref="RegistryException">The count is not 1–1000.</exception>
    public AnalysisCheck Times(int count)
    {
        AnalysisRules.RequireCount(Name, count);
        return this with { Count = count };
    }

    /// <summary>A copy that tolerates <paramref name="failures"/> failed measurements.</summary>
    /// <exception cref="RegistryException">The limit is negative.</exception>
    public AnalysisCheck AllowingFailures(int failures)
    {
        AnalysisRules.RequireLimit(Name, "the failure limit", failures, "1");
        return this with { FailureLimit = failures };
    }

    /// <summary>A copy that tolerates <paramref name="inconclusive"/> inconclusive measurements.</summary>
    /// <exception cref="RegistryException">The limit is negative.</exception>
    public AnalysisCheck AllowingInconclusive(int inconclusive)
    {
        AnalysisRules.RequireLimit(Name, "the inconclusive limit", inconclusive, "1");
        return this with { InconclusiveLimit = inconclusive };
    }

    /// <summary>A copy that tolerates <paramref name="errors"/> source errors in a row.</summary>
    /// <exception cref="RegistryException">The limit is negative.</exception>
    public AnalysisCheck AllowingConsecutiveErrors(int errors)
    {
        AnalysisRules.RequireLimit(Name, "the consecutive error limit", errors, "4");
        return this with { ConsecutiveErrorLimit = errors };
    }

    /// <summary>Checks the whole check, as part of <paramref name="model"/>'s policy.</summary>
    /// <exception cref="RegistryException">Something is wrong; the message names the model, the check, the problem and the fix.</exception>
    public void Validate(string model)
    {
        try
        {
            AnalysisRules.RequireName(Name);
            AnalysisRules.RequireSource(Name, Source);
            if (Query is not null && QueryTemplate.Problem(Query.Text) is { } problem)
            {
                throw new RegistryException($"Analysis check '{DisplayText.Escape(Name)}': {problem}");
            }

            AnalysisRules.RequireInterval(Name, Interval);
            AnalysisRules.RequireCount(Name, Count);
            AnalysisRules.RequireLimit(Name, "the failure limit", FailureLimit, "1");
            AnalysisRules.RequireLimit(Name, "the inconclusive limit", InconclusiveLimit, "1");
            AnalysisRules.RequireLimit(Name, "the consecutive error limit", ConsecutiveErrorLimit, "4");
            AnalysisRules.RequireConsistent(this);
        }
        catch (RegistryException e)
        {
            throw new RegistryException($"Release policy for '{model}': {char.ToLowerInvariant(e.Message[0])}{e.Message[1..]}", e);
        }
    }

    /// <summary>True when a condition reads <c>stable</c>: each measurement then asks for stable's value too.</summary>
    public bool ComparesWithStable => SuccessCondition?.UsesStable == true || FailureCondition?.UsesStable == true;

    /// <summary>
    /// Judges one measurement. An error in a result the conditions need is an <see cref="MeasurementVerdict.Error"/>;
    /// no canary data, or no stable data when a condition needs it, is <see cref="MeasurementVerdict.Inconclusive"/>.
    /// Otherwise the failure condition is asked first (it wins when both hold), then the success condition; when
    /// neither holds the measurement is inconclusive with a failure condition (as in Argo) and failed without one.
    /// <paramref name="stable"/> is ignored (and may be null) when no condition uses it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The check has no success condition (<see cref="Validate"/> refuses such a check).</exception>
    public MeasurementVerdict Judge(MetricResult canary, MetricResult stable)
    {
        ArgumentNullException.ThrowIfNull(canary);
        if (SuccessCondition is null)
        {
            throw new InvalidOperationException($"Analysis check '{Name}' has no success condition to judge by; Validate refuses such a check.");
        }

        var needsStable = ComparesWithStable;
        if (needsStable)
        {
            ArgumentNullException.ThrowIfNull(stable);
        }

        if (canary.IsError || (needsStable && stable.IsError))
        {
            return MeasurementVerdict.Error;
        }

        if (!canary.HasValue || (needsStable && !stable.HasValue))
        {
            return MeasurementVerdict.Inconclusive;
        }

        var (c, s) = (canary.Value!.Value, needsStable ? stable.Value : null);
        if (FailureCondition is { } failure && failure.Evaluate(c, s))
        {
            return MeasurementVerdict.Failed;
        }

        if (SuccessCondition.Evaluate(c, s))
        {
            return MeasurementVerdict.Successful;
        }

        return FailureCondition is null ? MeasurementVerdict.Failed : MeasurementVerdict.Inconclusive;
    }

    /// <summary>
    /// The check's verdict from the measurements <paramref name="taken"/> so far, in order, with Argo Rollouts'
    /// limits: <see cref="AnalysisVerdict.Failed"/> as soon as failures exceed <see cref="FailureLimit"/>, else
    /// <see cref="AnalysisVerdict.Inconclusive"/> as soon as inconclusive ones exceed <see cref="InconclusiveLimit"/>,
    /// else <see cref="AnalysisVerdict.Error"/> when the errors at the end, in a row, exceed
    /// <see cref="ConsecutiveErrorLimit"/> (a measurement that is not an error resets the run). Otherwise the check is
    /// <see cref="AnalysisVerdict.Running"/> until <see cref="Count"/> measurements that are not errors were taken,
    /// then <see cref="AnalysisVerdict.Successful"/>.
    /// </summary>
    /// <remarks>
    /// Errors do not count toward <see cref="Count"/>: an error measured nothing, so a check of 5 takes 5 real
    /// measurements however many errors come between them (Argo counts errors separately in the same way). The
    /// consecutive error limit is what stops a source that never answers.
    /// </remarks>
    public AnalysisVerdict Assess(IReadOnlyList<MeasurementVerdict> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        var failed = taken.Count(v => v == MeasurementVerdict.Failed);
        var inconclusive = taken.Count(v => v == MeasurementVerdict.Inconclusive);
        var trailingErrors = taken.Reverse().TakeWhile(v => v == MeasurementVerdict.Error).Count();
        var measured = taken.Count(v => v != MeasurementVerdict.Error);

        if (failed > FailureLimit)
        {
            return AnalysisVerdict.Failed;
        }

        if (inconclusive > InconclusiveLimit)
        {
            return AnalysisVerdict.Inconclusive;
        }

        if (trailingErrors > ConsecutiveErrorLimit)
        {
            return AnalysisVerdict.Error;
        }

        return measured < Count ? AnalysisVerdict.Running : AnalysisVerdict.Successful;
    }

    private AnalysisCondition Condition(string condition)
    {
        try
        {
            return AnalysisCondition.Parse(condition);
        }
        catch (RegistryException e)
        {
            throw new RegistryException($"Analysis check '{DisplayText.Escape(Name)}': {e.Message}", e);
        }
    }
}
