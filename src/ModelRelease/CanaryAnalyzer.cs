using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// Runs the analysis of a model's canary in progress, with Argo Rollouts' semantics: each check of the policy is
/// measured every <see cref="AnalysisCheck.Interval"/>, canary and stable at the same moment, and judged by its
/// conditions; the checks' verdicts make the run's. Every measurement is recorded with its raw values, so a later call
/// continues the same run: a scheduled job can measure once per call, or one call can wait for the rest of the run.
/// The analyzer decides; it moves no label (the Analyze task carries out the decision with <c>--auto</c>).
/// </summary>
public sealed class CanaryAnalyzer
{
    private readonly ModelRegistry _registry;
    private readonly IReadOnlyDictionary<string, IMetricSource> _sources;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;

    /// <summary>An analyzer reading metrics from <paramref name="sources"/>, by their <see cref="IMetricSource.Name"/>.</summary>
    /// <param name="registry">The registry holding the canary and its runs.</param>
    /// <param name="sources">The metric sources the checks may name.</param>
    /// <param name="delay">How to wait for the next measurement; <see cref="Task.Delay(TimeSpan, CancellationToken)"/> by default.</param>
    public CanaryAnalyzer(ModelRegistry registry, IEnumerable<IMetricSource> sources, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(sources);
        _registry = registry;
        _sources = sources.ToDictionary(source => source.Name, StringComparer.Ordinal);
        _delay = delay ?? Task.Delay;
    }

    /// <summary>
    /// Takes the measurements of <paramref name="policy"/>'s checks that are due, waiting for later ones up to
    /// <see cref="AnalysisOptions.MaxWait"/>, and returns where the run stands and what its verdict calls for.
    /// </summary>
    /// <exception cref="RegistryException">
    /// The policy has no analysis checks, a check names a source that was not given, the model has no canary in
    /// progress, or the canary moved while it was measured.
    /// </exception>
    public async Task<CanaryAnalysis> AnalyzeAsync(ReleasePolicy policy, AnalysisOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        options ??= new AnalysisOptions();
        RequireChecks(policy);
        var ledger = AnalysisLedger.Open(_registry, policy, options.Restart, options.DryRun);
        var deadline = _registry.Now() + options.MaxWait;
        var taken = 0;
        while (ledger.Verdict == AnalysisVerdict.Running)
        {
            // What fell due by the deadline is taken, however long the measuring before it took; what falls due after
            // it is left for the next call. Without --max-wait that is one round per call, even on a slow source.
            var now = _registry.Now();
            var due = ledger.Due(now < deadline ? now : deadline);
            if (due.Count == 0)
            {
                var next = ledger.NextDue();
                if (next > deadline)
                {
                    break;
                }

                await _delay(next - now, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var measured = await Task.WhenAll(due.Select(check => MeasureAsync(ledger, check, now, cancellationToken))).ConfigureAwait(false);
            taken += ledger.Record(measured, now);
            foreach (var measurement in ledger.Measurements.Where(m => measured.Any(t => t.Check == m.Check && t.Seq == m.Seq)))
            {
                options.Progress?.Invoke(measurement);
            }
        }

        return ledger.Result(taken);
    }

    private void RequireChecks(ReleasePolicy policy)
    {
        if (policy.Analysis.Count == 0)
        {
            throw new RegistryException(
                $"The release policy of '{policy.Model}' has no analysis checks, so there is nothing to measure. " +
                "Add an \"analysis\" list to the policy (README, \"Canary analysis\"), or move the canary by hand with Promote or Rollback.");
        }

        foreach (var check in policy.Analysis.Where(check => !_sources.ContainsKey(check.Source)))
        {
            throw new RegistryException(
                $"Analysis check '{check.Name}' of '{policy.Model}' reads from '{check.Source}', but no such metric source was given " +
                $"(given: {(_sources.Count == 0 ? "none" : string.Join(", ", _sources.Keys.Order(StringComparer.Ordinal)))}).");
        }
    }

    // Canary and stable are asked for the same instant, so a traffic spike shows in both values alike.
    private async Task<AnalysisMeasurement> MeasureAsync(AnalysisLedger ledger, AnalysisCheck check, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var source = _sources[check.Source];
        var run = ledger.Run;
        var canaryQuery = check.Query.Render(ledger.Model, run.CanaryVersion, LabelNames.Canary);
        var stableQuery = check.ComparesWithStable ? check.Query.Render(ledger.Model, run.StableVersion, LabelNames.Stable) : null;
        var canaryTask = source.QueryAsync(canaryQuery, at, cancellationToken);
        var stableTask = stableQuery is null ? null : source.QueryAsync(stableQuery, at, cancellationToken);
        var canary = await canaryTask.ConfigureAwait(false);
        var stable = stableTask is null ? null : await stableTask.ConfigureAwait(false);
        var verdict = check.Judge(canary, stable ?? MetricResult.NoData("not compared"));
        return new AnalysisMeasurement(
            run.Id, check.Name, ledger.NextSeq(check), at, verdict, canary.Value, stable?.Value, canaryQuery, stableQuery, Detail(canary, stable));
    }

    private static string? Detail(MetricResult canary, MetricResult? stable)
    {
        var problems = new List<string>();
        if (!canary.HasValue)
        {
            problems.Add($"canary: {canary}");
        }

        if (stable is { HasValue: false })
        {
            problems.Add($"stable: {stable}");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
