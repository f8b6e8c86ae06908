namespace ModelRelease.Internal;

/// <summary>
/// The analysis run of one canary as the store holds it, kept in step with the store as measurements are recorded.
/// Every write re-reads the run under the store's write lock, so two jobs measuring the same canary continue one run
/// and never count one measurement twice; a dry run keeps everything in memory and writes nothing.
/// </summary>
internal sealed class AnalysisLedger
{
    private readonly ModelRegistry _registry;
    private readonly ReleasePolicy _policy;
    private readonly bool _dryRun;
    private readonly string _checksJson;
    private readonly long? _seenLatest;
    private AnalysisRun _run;
    private List<AnalysisMeasurement> _measurements;

    private AnalysisLedger(ModelRegistry registry, ReleasePolicy policy, bool dryRun, AnalysisRun run, IReadOnlyList<AnalysisMeasurement> measurements, long? seenLatest)
    {
        _registry = registry;
        _policy = policy;
        _dryRun = dryRun;
        _run = run;
        _measurements = [.. measurements];
        _seenLatest = seenLatest;
        _checksJson = PolicyFileWriter.Checks(policy.Analysis).ToJsonString();
    }

    public string Model => _policy.Model;

    public AnalysisRun Run => _run;

    /// <summary>
    /// The run judging the canary as the labels stand: the open one for this step, the last concluded one (unless
    /// <paramref name="restart"/>), or a new one that is recorded with its first measurements.
    /// </summary>
    public static AnalysisLedger Open(ModelRegistry registry, ReleasePolicy policy, bool restart, bool dryRun)
    {
        using var reader = registry.OpenRead();
        var (canary, weight, stable) = Target(reader, policy.Model);
        var latest = reader.AnalysisRuns(policy.Model, 1).FirstOrDefault();
        if (latest is not null && latest.Judges(canary, weight, stable) && !restart)
        {
            return new AnalysisLedger(registry, policy, dryRun, latest, reader.AnalysisMeasurements(latest.Id), latest.Id);
        }

        var fresh = new AnalysisRun(0, policy.Model, canary, stable, weight, "", registry.Now(), null, AnalysisVerdict.Running, null, null);
        return new AnalysisLedger(registry, policy, dryRun, fresh, [], latest?.Id);
    }

    /// <summary>The run's verdict: as recorded once it concluded, else from each check's measurements so far.</summary>
    public AnalysisVerdict Verdict => _run.IsOpen ? AnalysisAssessment.Combine(CheckVerdicts().Select(c => c.Verdict)) : _run.Verdict;

    public IReadOnlyList<AnalysisMeasurement> Measurements => _measurements;

    public IReadOnlyList<(AnalysisCheck Check, AnalysisVerdict Verdict)> CheckVerdicts() => CheckVerdicts(_measurements);

    /// <summary>The checks still measuring whose next measurement is due at <paramref name="now"/>.</summary>
    public IReadOnlyList<AnalysisCheck> Due(DateTimeOffset now) =>
        Running().Where(check => NextDue(check) <= now).ToList();

    /// <summary>When the next measurement of any check still measuring falls due.</summary>
    public DateTimeOffset NextDue() => Running().Select(NextDue).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();

    /// <summary>The next measurement number of <paramref name="check"/>.</summary>
    public int NextSeq(AnalysisCheck check) => _measurements.Count(m => m.Check == check.Name) + 1;

    /// <summary>
    /// Records the measurements taken at <paramref name="at"/> and, when they conclude the run, its verdict, the
    /// decision and an analysis event with the evidence. Measurements another job recorded first are dropped.
    /// </summary>
    /// <returns>How many of <paramref name="taken"/> were recorded.</returns>
    public int Record(IReadOnlyList<AnalysisMeasurement> taken, DateTimeOffset at)
    {
        if (_dryRun)
        {
            _measurements = Ordered(_measurements.Concat(taken));
            Conclude(at, null);
            return taken.Count;
        }

        return _registry.Change(Model, null, writer =>
        {
            var (canary, weight, stable) = Target(writer, Model);
            if (!_run.Judges(canary, weight, stable))
            {
                throw new RegistryException(
                    $"The canary of '{Model}' moved while it was being analyzed (now {canary} at {weight}% against stable {stable}); " +
                    "no measurement was recorded. Run Analyze again to judge the canary as it is now.");
            }

            var runId = RunFor(writer, at);
            var executionId = _registry.CurrentExecutionId;
            var recorded = _run.IsOpen
                ? taken.Count(m => writer.AddMeasurement(m with { RunId = runId, ExecutionId = executionId }))
                : 0;
            _measurements = [.. writer.AnalysisMeasurements(runId)];
            if (_run.IsOpen)
            {
                Conclude(at, writer);
            }

            return recorded;
        });
    }

    /// <summary>The decision the verdict calls for, and the step to raise the canary to for a step up.</summary>
    public (AnalysisDecision Decision, int? NextWeight) Decide()
    {
        var next = _policy.CanarySteps.Where(step => step > _run.Weight).Cast<int?>().FirstOrDefault();
        return Verdict switch
        {
            AnalysisVerdict.Successful => next is null ? (AnalysisDecision.Promote, null) : (AnalysisDecision.StepUp, next),
            AnalysisVerdict.Failed => (AnalysisDecision.Rollback, null),
            AnalysisVerdict.Inconclusive or AnalysisVerdict.Error => (AnalysisDecision.Hold, null),
            _ => (AnalysisDecision.Continue, null),
        };
    }

    public CanaryAnalysis Result(int taken)
    {
        var (decision, next) = Decide();
        return new CanaryAnalysis(_run with { Verdict = Verdict }, _measurements, CheckVerdicts(), taken, decision, next);
    }

    private static (string Canary, int Weight, string Stable) Target(IMetadataReader reader, string model)
    {
        RegistryRules.RequireModel(reader, model);
        var labels = reader.Labels(model);
        var canary = labels.FirstOrDefault(l => l.Label == LabelNames.Canary) ?? throw new RegistryException(
            $"Model '{model}' has no canary in progress, so there is nothing to analyze. Start one with --target=Canary --model={model}.");
        var stable = labels.FirstOrDefault(l => l.Label == LabelNames.Stable) ?? throw new RegistryException(
            $"Model '{model}' has a canary ({canary.Version}) but no stable version to compare it with. Promote a stable version first, or Rollback the canary.");
        return (canary.Version, canary.Weight ?? 0, stable.Version);
    }

    // The run to record into, decided again under the write lock: another job may have begun, restarted or concluded
    // it since we read. A run of the same canary step that we did not see is another job's: continue it, and our
    // measurements lose to any it already holds.
    private long RunFor(IMetadataWriter writer, DateTimeOffset at)
    {
        var latest = writer.AnalysisRuns(Model, 1).FirstOrDefault();
        var judgesTarget = latest is not null && latest.Judges(_run.CanaryVersion, _run.Weight, _run.StableVersion);
        if (_run.Id != 0 || (latest is not null && latest.Id != _seenLatest && judgesTarget))
        {
            _run = judgesTarget ? latest! : throw new RegistryException(
                $"Another job changed the analysis of '{Model}' while this one measured; nothing was recorded. Run Analyze again.");
            return _run.Id;
        }

        if (latest is { IsOpen: true })
        {
            var verdict = AnalysisAssessment.Combine(CheckVerdicts(writer.AnalysisMeasurements(latest.Id)).Select(c => c.Verdict));
            writer.FinishAnalysisRun(latest.Id, verdict, judgesTarget
                ? "superseded: restarted"
                : $"superseded: the canary is now {_run.CanaryVersion} at {_run.Weight}% against stable {_run.StableVersion}", at);
        }

        writer.StartAnalysisRun(new AnalysisRunDraft(Model, _run.CanaryVersion, _run.StableVersion, _run.Weight, _checksJson, at, _registry.CurrentExecutionId));
        _run = writer.AnalysisRuns(Model, 1).Single();
        return _run.Id;
    }

    private void Conclude(DateTimeOffset at, IMetadataWriter? writer)
    {
        var verdict = Verdict;
        if (verdict == AnalysisVerdict.Running)
        {
            return;
        }

        var analysis = Result(0);
        _run = _run with { FinishedAt = at, Verdict = verdict, Decision = analysis.DecisionText };
        if (writer is null)
        {
            return;
        }

        writer.FinishAnalysisRun(_run.Id, verdict, analysis.DecisionText, at);
        var reason = $"analysis {verdict.ToString().ToLowerInvariant()} at {_run.Weight}% against stable {_run.StableVersion}: {analysis.Explanation()}; decision: {analysis.DecisionText}";
        writer.AppendEvent(_registry.Event(Model, EventKind.Analysis, LabelNames.Canary, null, _run.CanaryVersion, reason, EvidenceJson.Serialize(analysis.Evidence()), at));
    }

    private IReadOnlyList<(AnalysisCheck Check, AnalysisVerdict Verdict)> CheckVerdicts(IReadOnlyList<AnalysisMeasurement> measurements) =>
        _policy.Analysis
            .Select(check => (check, check.Assess(measurements.Where(m => m.Check == check.Name).Select(m => m.Verdict).ToList())))
            .ToList();

    private IEnumerable<AnalysisCheck> Running() =>
        CheckVerdicts().Where(c => c.Verdict == AnalysisVerdict.Running).Select(c => c.Check);

    private DateTimeOffset NextDue(AnalysisCheck check) =>
        _measurements.LastOrDefault(m => m.Check == check.Name) is { } last ? last.TakenAt + check.Interval : DateTimeOffset.MinValue;

    private static List<AnalysisMeasurement> Ordered(IEnumerable<AnalysisMeasurement> measurements) =>
        [.. measurements.OrderBy(m => m.Check, StringComparer.Ordinal).ThenBy(m => m.Seq)];
}
