using Spectre.Console;
using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// Runs the policy's canary analysis on live metrics: measures canary against stable, records each measurement, and
/// decides — step up, promote, roll back or hold. Without <c>--auto</c> it reports the decision and moves no label;
/// with it, it carries the decision out as Canary, Promote or Rollback would, with the measurements as evidence. A
/// Failed verdict exits 3 (after the rollback under <c>--auto</c>), so CI turns red while serving is already safe.
/// </summary>
[TaskName("Analyze")]
[TaskDescription("Measure the canary against stable on live metrics, then step up, promote, roll back or hold")]
public class AnalyzeTask : ReleaseTask
{
    /// <summary>The environment variable <c>--prometheus</c> defaults to.</summary>
    public const string PrometheusVariable = "MODELRELEASE_PROMETHEUS";

    /// <summary><c>--model</c>, required.</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.Required();

    /// <summary><c>--prometheus</c>: the Prometheus server the checks with source "prometheus" query.</summary>
    public static readonly Argument<string?> Prometheus = Argument.Text("prometheus", $"Prometheus base URL for checks with source \"prometheus\" (default ${PrometheusVariable})")
        .WithExample("http://127.0.0.1:9090")
        .Check(UrlProblem);

    /// <summary><c>--prometheus-timeout</c>: how long one query may take.</summary>
    public static readonly Argument<TimeSpan> PrometheusTimeout = Argument.Duration("prometheus-timeout", "how long one Prometheus query attempt may take", TimeSpan.FromSeconds(10));

    /// <summary><c>--prometheus-retries</c>: extra attempts after an unreachable server, a timeout or a 5xx.</summary>
    public static readonly Argument<int> PrometheusRetries = Argument.Int32("prometheus-retries", "extra attempts after an unreachable server, a timeout or a 5xx answer", 2).Between(0, 10);

    /// <summary><c>--metrics-file</c>: live values for checks with source "file".</summary>
    public static readonly Argument<string?> MetricsFile = Argument.Path("metrics-file", "a JSON file of live values {model: {version: {metric: value}}} for checks with source \"file\"")
        .WithExample("live-metrics.json");

    /// <summary><c>--max-wait</c>: how long to wait for measurements that fall due later.</summary>
    public static readonly Argument<TimeSpan> MaxWait = Argument.Duration("max-wait", "wait up to this long for measurements that fall due later (default: take what is due now)", TimeSpan.Zero);

    /// <summary><c>--auto</c>: carry out the decision.</summary>
    public static readonly Argument<bool> Auto = Argument.Flag("auto", "carry out the decision: step the canary up, promote it, or roll it back");

    /// <summary><c>--restart</c>: begin a new run for the canary's step.</summary>
    public static readonly Argument<bool> Restart = Argument.Flag("restart", "begin a new analysis run for the canary's current step, e.g. after a hold was looked into");

    /// <summary><c>--reason</c>, recorded with an automatic label move.</summary>
    public static readonly Argument<string?> Reason = ReleaseArguments.Reason.WithExample("scheduled analysis");

    /// <summary><c>--policy</c>, overriding the host's.</summary>
    public static readonly Argument<string?> Policy = ReleaseArguments.Policy;

    /// <inheritdoc />
    protected override void Release(ReleaseContext context)
    {
        var model = context.RequireModel();
        var policy = context.PolicyFor(model);
        if (!HasCanary(context, model))
        {
            return;
        }

        using var sources = Sources(context, policy);
        var options = new AnalysisOptions { MaxWait = context.Get(MaxWait), Restart = context.Get(Restart) };
        var analysis = context.Commands.AnalyzeAndDecide(policy, sources.All, options, context.Get(Auto), context.Reason, step => Released(context, step));
        context.Results.Set(analysis);
        Conclude(context, analysis, carried: context.Get(Auto));
    }

    /// <inheritdoc />
    protected override void PlanRelease(ReleaseContext context, ChangePlan plan)
    {
        var model = context.RequireModel();
        var policy = context.PolicyFor(model);
        if (!HasCanary(context, model))
        {
            return;
        }

        using var sources = Sources(context, policy);
        var analysis = context.Commands.Analyze(policy, sources.All, new AnalysisOptions { MaxWait = context.Get(MaxWait), Restart = context.Get(Restart), DryRun = true });
        context.Results.Set(analysis);
        var step = context.Get(Auto) ? context.Commands.PlanDecision(analysis, context.Reason) : null;
        if (step is not null)
        {
            context.Commands.Plan(step, plan);
            Released(context, step);
        }

        Conclude(context, analysis, step is not null);
    }

    private static bool HasCanary(ReleaseContext context, string model)
    {
        // Only a model the store knows may have "nothing to analyze": a wrong --root or --registry must not look green.
        context.ModelRegistry.RequireModel(model);
        if (context.ModelRegistry.VersionAt(model, LabelNames.Canary) is not null)
        {
            return true;
        }

        // A scheduled job runs whether or not a canary is in progress: nothing to judge is not a failure.
        context.Console.MarkupLineInterpolated($"Model {model} has no canary in progress; nothing to analyze.");
        return false;
    }

    private static void Conclude(ReleaseContext context, CanaryAnalysis analysis, bool carried)
    {
        var run = analysis.Run;
        var advice = analysis.Decision switch
        {
            AnalysisDecision.Continue => "Run Analyze again when the next measurement is due, or give --max-wait to wait for the rest of the run.",
            AnalysisDecision.Hold => $"Nothing moved. Look at the measurements, then Promote or Rollback by hand, or run Analyze --restart to measure this step again.",
            _ when carried => null,
            AnalysisDecision.StepUp => $"Run Analyze --auto to raise the canary to {analysis.NextWeight}%, or Canary --version={run.CanaryVersion} --weight={analysis.NextWeight}.",
            AnalysisDecision.Promote => $"Run Analyze --auto to promote it, or Promote --version={run.CanaryVersion}.",
            _ => "Run Analyze --auto to roll it back, or Rollback.",
        };
        if (advice is not null)
        {
            context.Console.MarkupLineInterpolated($"{advice}");
        }

        if (analysis.Verdict == AnalysisVerdict.Failed)
        {
            throw new GateRejectedException(
                $"Canary analysis failed {run.Model} {run.CanaryVersion} at {run.Weight}%: {analysis.Explanation()}" +
                (carried ? (context.DryRun ? "; the canary would be rolled back." : "; the canary was rolled back, stable is untouched.") : "."));
        }
    }

    private static MetricSources Sources(ReleaseContext context, ReleasePolicy policy)
    {
        var url = context.Get(Prometheus) ?? (context.Environment.GetEnvironmentVariable(PrometheusVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);
        var file = context.Get(MetricsFile);
        foreach (var check in policy.Analysis)
        {
            if (check.Source == PrometheusMetricSource.SourceName && url is null)
            {
                throw new RegistryException(
                    $"Analysis check '{check.Name}' of '{policy.Model}' queries Prometheus, but none was given. Pass --prometheus=http://HOST:9090 or set ${PrometheusVariable}.");
            }

            if (check.Source == FileMetricSource.SourceName && file is null)
            {
                throw new RegistryException(
                    $"Analysis check '{check.Name}' of '{policy.Model}' reads a metrics file, but none was given. Pass --metrics-file=live-metrics.json.");
            }
        }

        var settings = url is null
            ? null
            : PrometheusSettings.Parse(url) with { Timeout = context.Get(PrometheusTimeout), Retries = context.Get(PrometheusRetries) };
        return new MetricSources(settings is null ? null : new PrometheusMetricSource(settings), file is null ? null : new FileMetricSource(file));
    }

    private static string? UrlProblem(string? url)
    {
        try
        {
            PrometheusSettings.Parse(url!);
            return null;
        }
        catch (RegistryException error)
        {
            return error.Message;
        }
    }

    /// <summary>The sources this run was given, disposed with it.</summary>
    private sealed class MetricSources(PrometheusMetricSource? prometheus, FileMetricSource? file) : IDisposable
    {
        public IReadOnlyList<IMetricSource> All { get; } = new IMetricSource?[] { prometheus, file }.OfType<IMetricSource>().ToList();

        public void Dispose() => prometheus?.Dispose();
    }
}
