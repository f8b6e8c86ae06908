using ModelRelease.Pipelines.Output;
using Spectre.Console;

namespace ModelRelease.Pipelines;

/// <summary>Canary analysis: measure, print the run, and plan what its verdict calls for.</summary>
public sealed partial class ReleaseCommands
{
    /// <summary>
    /// Takes the measurements of <paramref name="policy"/>'s analysis that are due (waiting up to
    /// <see cref="AnalysisOptions.MaxWait"/> for later ones), printing each as it lands, then the run's table, verdict
    /// and decision. Nothing is recorded when <see cref="AnalysisOptions.DryRun"/> is set.
    /// </summary>
    public CanaryAnalysis Analyze(ReleasePolicy policy, IEnumerable<IMetricSource> sources, AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var live = options with
        {
            Progress = m =>
            {
                options.Progress?.Invoke(m);
                AnalysisTable.PrintMeasurement(console, m);
            },
        };
        var analysis = new CanaryAnalyzer(Registry, sources).AnalyzeAsync(policy, live).GetAwaiter().GetResult();
        AnalysisTable.Print(console, analysis, options.DryRun);
        return analysis;
    }

    /// <summary>
    /// Analyzes the canary and, with <paramref name="auto"/>, carries out the decision; a step up under
    /// <paramref name="auto"/> goes on to analyze the new step while <see cref="AnalysisOptions.MaxWait"/> lasts, so one
    /// call can walk a healthy canary through every step to promotion. Returns the last run's analysis; each step
    /// applied is passed to <paramref name="applied"/>. A Failed verdict is returned, not thrown: the caller decides the exit.
    /// </summary>
    public CanaryAnalysis AnalyzeAndDecide(ReleasePolicy policy, IReadOnlyList<IMetricSource> sources, AnalysisOptions options, bool auto, string? reason = null, Action<ReleaseStep>? applied = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var deadline = DateTimeOffset.UtcNow + options.MaxWait;
        var restart = options.Restart;
        while (true)
        {
            var remaining = deadline - DateTimeOffset.UtcNow;
            var analysis = Analyze(policy, sources, options with { MaxWait = remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, Restart = restart });
            restart = false;
            var step = auto ? PlanDecision(analysis, reason) : null;
            if (step is not null)
            {
                Apply(step);
                applied?.Invoke(step);
            }

            if (step is null || analysis.Decision != AnalysisDecision.StepUp || DateTimeOffset.UtcNow >= deadline)
            {
                return analysis;
            }
        }
    }

    /// <summary>
    /// The label step <paramref name="analysis"/>'s decision calls for — a step up, a promotion or an abort of the
    /// canary — planned as Canary, Promote and Rollback plan it, with the measurements as evidence and the verdict in
    /// the reason; null for a run that continues or holds. Refused when the canary moved since it was judged.
    /// </summary>
    public ReleaseStep? PlanDecision(CanaryAnalysis analysis, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var run = analysis.Run;
        if (analysis.Decision is AnalysisDecision.Continue or AnalysisDecision.Hold)
        {
            return null;
        }

        var canary = Registry.VersionAt(run.Model, LabelNames.Canary)?.Name;
        if (canary != run.CanaryVersion)
        {
            throw new RegistryException(
                $"The canary of '{run.Model}' is now {canary ?? "unset"}, not {run.CanaryVersion} which the analysis judged; no label was moved. Run Analyze again.");
        }

        var why = $"{(reason is null ? "" : reason + "; ")}analysis run {run.Id} {analysis.Verdict.ToString().ToLowerInvariant()}: {analysis.Explanation()}";
        var step = analysis.Decision switch
        {
            AnalysisDecision.StepUp => release.PlanCanary(run.Model, run.CanaryVersion, analysis.NextWeight!.Value, why),
            AnalysisDecision.Promote => release.PlanPromote(run.Model, run.CanaryVersion, why),
            _ => release.PlanRollback(run.Model, null, why),
        };
        return step.WithEvidence(analysis.Evidence(), why);
    }
}
