using System.Diagnostics;
using ModelRelease.Pipelines.Report;
using Spectre.Console;

namespace ModelRelease.Pipelines.Demo;

/// <summary>
/// The whole release lifecycle on the sample model, through the same commands the tasks run. Every version is
/// trained for real (<see cref="ISampleTrainer"/>), scored beside stable on the same held-out set, infra-validated and
/// validated in ONNX Runtime before it is pushed. Push and promote a first version; canary and promote a better one;
/// watch validation reject a regression measured on the same data; abort a canary; mark a
/// golden version; roll stable back to the previous version and then to golden; let canary analysis on live metrics
/// roll back a slow canary and walk a healthy one to promotion; prune; then Status and History.
/// </summary>
public sealed class DemoScript(DemoWorkspace workspace, ISampleTrainer trainer, ReleasePolicy policy, IAnsiConsole console, RunEnvironment environment)
{
    private const int Keep = 2;
    private int _step;

    /// <summary>The versions the demo trains, in order: name, how it is trained, and what the commit says.</summary>
    private static readonly Candidate[] Candidates =
    [
        new("v1", new SampleRecipe(1, 2000, "reviews-2026-09", 20), "first model: word unigrams, 2,000 September reviews"),
        new("v2", new SampleRecipe(2, 4000, "reviews-2026-10", 20), "more data: 4,000 October reviews"),
        new("v3", new SampleRecipe(3, 40, "reviews-2026-10", 1), "a 40-review slice, one epoch"),
        new("v4", new SampleRecipe(4, 4000, "reviews-2026-11", 20), "November reviews"),
        new("v5", new SampleRecipe(5, 4000, "reviews-2026-11", 30), "longer schedule"),
        new("v6", new SampleRecipe(6, 4000, "reviews-2026-11", 20), "retrain with a new seed"),
        new("v7", new SampleRecipe(7, 4000, "reviews-2026-11", 25), "retrain, 25 epochs"),
    ];

    /// <summary>Runs the lifecycle and returns how long it took.</summary>
    public TimeSpan Run()
    {
        var clock = Stopwatch.StartNew();
        using var registry = ModelRegistry.Open(workspace.ServingRoot, options: new RegistryOptions
        {
            Environment = environment,
            Warn = message => console.MarkupLineInterpolated($"[yellow]warning:[/] {DisplayText.Escape(message)}"),
        });
        var release = new ReleaseManager(registry);
        var commands = new ReleaseCommands(release, console);
        var model = policy.Model;
        workspace.WriteEvaluationData(trainer);

        Step("Train v1 (ML.NET, exported as ONNX), evaluate and infra-validate it in ONNX Runtime, push it and promote it: the first version has no stable to canary against, so it is promoted directly");
        Ship(commands, Candidates[0]);
        commands.Apply(release.PlanPromote(model, "v1", "first release"));

        Step("Train v2 on more data; Evaluate scores it and stable v1 on the same held-out reviews; canary it at 10% next to stable v1, then promote it");
        Ship(commands, Candidates[1]);
        commands.Apply(release.PlanCanary(model, "v2", policy.CanarySteps.FirstOrDefault(10), "October data"));
        commands.Apply(release.PlanPromote(model, null, "canary healthy"));

        Step("Train v3 on a 40-review slice: measured beside stable on the same data it regresses, so Validate rejects it (exit code 3 in a pipeline) and nothing is pushed");
        try
        {
            Ship(commands, Candidates[2]);
            throw new InvalidOperationException("The demo's regressed candidate v3 passed validation; the sample policy no longer rejects it.");
        }
        catch (GateRejectedException rejected)
        {
            console.MarkupLineInterpolated($"[red]Gate said no:[/] {DisplayText.Escape(rejected.Message)}");
            console.MarkupLineInterpolated($"v3 is not in the registry: {(registry.Versions(model).Any(v => v.Name == "v3") ? "WRONG, it is" : "correct")}.");
        }

        Step("Push v4 and canary it, then roll the canary back with a reason: stable stays on v2");
        Ship(commands, Candidates[3]);
        commands.Apply(release.PlanCanary(model, "v4", policy.CanarySteps.FirstOrDefault(10), "November data"));
        commands.Apply(release.PlanRollback(model, null, "p99 latency spiked in the canary"));

        Step("Mark v2 golden: the known-good version to fall back to");
        commands.Apply(release.PlanLabel(model, LabelNames.Golden, "v2", "best version in production so far"));

        Step("Roll stable back to the previous version (what stable was before its last move), then forward to golden");
        commands.Apply(release.PlanRollback(model, ReleaseManager.Previous, "rehearsing an incident: back to the previous stable"));
        commands.Apply(release.PlanRollback(model, LabelNames.Golden, "incident over: back to golden"));

        var live = new LiveMetrics(workspace.LiveMetricsPath, model);
        var analysis = DemoAnalysis(policy);
        live.Set("v2", latencySeconds: 0.0398, errorRate: 0.002, accuracy: 0.925);

        Step("Canary analysis on live metrics (a JSON file stands in for Prometheus): push v5 and canary it; its p99 latency is 2.3× stable's, so Analyze --auto rolls it back (exit 3 in a pipeline) and stable stays on v2");
        Ship(commands, Candidates[4]);
        commands.Apply(release.PlanCanary(model, "v5", policy.CanarySteps.FirstOrDefault(10), "label smoothing"));
        live.Set("v5", latencySeconds: 0.0915, errorRate: 0.003, accuracy: 0.924);
        var failed = commands.AnalyzeAndDecide(analysis, [new FileMetricSource(live.Path)], WholeRun, auto: true);
        console.MarkupLineInterpolated($"[red]Gate said no:[/] canary analysis {failed.Verdict.ToString().ToLowerInvariant()}: {DisplayText.Escape(failed.Explanation())}.");

        Step("Push v6 and canary it; its live metrics are healthy, so Analyze --auto steps it up to the next canary step and then promotes it");
        Ship(commands, Candidates[5]);
        commands.Apply(release.PlanCanary(model, "v6", policy.CanarySteps.FirstOrDefault(10), "new seed"));
        live.Set("v6", latencySeconds: 0.0401, errorRate: 0.002, accuracy: 0.927);
        commands.AnalyzeAndDecide(analysis, [new FileMetricSource(live.Path)], WholeRun, auto: true);

        Step($"Push v7, then Prune --keep={Keep}: the newest {Keep} stay, and so does every protected version");
        Ship(commands, Candidates[6]);

        commands.Prune(model, Keep, "demo: keep the disk tidy");

        Step("Status");
        commands.Status(model, VersionQuery.All, json: false);

        Step("History");
        commands.History(new EventQuery(model), json: false);

        Step("Verify: every live version re-hashed against its manifest; links, configs and journal checked against the registry");
        commands.Verify(repair: false);

        Step("Report: every version, the metric trends, stable against the newest candidate, the label timeline and the canary analyses, as one HTML page");
        var reports = ReportReader.Read(registry, model, name => name == model ? policy : null);
        ReportFile.Write(workspace.ReportPath, workspace.ServingRoot, reports, DateTimeOffset.UtcNow);
        console.MarkupLineInterpolated($"Report written to {workspace.ReportPath}");
        return clock.Elapsed;
    }

    /// <summary>Time enough for every step of a demo analysis run, which measures every 50 ms.</summary>
    private static readonly AnalysisOptions WholeRun = new() { MaxWait = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// The policy's analysis checks (the sample's, when the policy has none) reading the live-metrics file instead of
    /// Prometheus — each check's value for a version is under its own name — and measuring every 50 ms instead of
    /// every minute, so the demo runs in seconds with the policy's own conditions and limits.
    /// </summary>
    private static ReleasePolicy DemoAnalysis(ReleasePolicy policy)
    {
        var checks = policy.Analysis.Count > 0 ? policy.Analysis : SampleModel.Policy.Analysis;
        return policy with
        {
            Analysis = checks.Select(check => check with
            {
                Source = FileMetricSource.SourceName,
                Query = QueryTemplate.Parse("{{model}}/{{version}}/" + check.Name),
                Interval = TimeSpan.FromMilliseconds(50),
            }).ToList(),
        };
    }

    /// <summary>Trains, evaluates beside stable, infra-validates, validates and pushes one candidate, as Evaluate + InfraValidate + Validate + Push would.</summary>
    private void Ship(ReleaseCommands commands, Candidate candidate)
    {
        var (commit, training) = workspace.Train(trainer, candidate.Recipe, $"train {candidate.Name}: {candidate.Change}");
        console.MarkupLineInterpolated($"Trained {candidate.Name} ({candidate.Change}) in {training.Took.TotalSeconds:0.0} s on {training.DatasetVersion}, at commit {commit[..12]}.");
        var evaluation = commands.Evaluate(policy, workspace.Artifact, workspace.EvaluationSet);
        var servability = commands.InfraValidate(policy, workspace.Artifact, workspace.Requests);
        var metrics = evaluation.Candidate.Metrics;
        var report = commands.Validate(policy, workspace.Artifact, metrics, measured: new CandidateEvidence(evaluation, servability));
        commands.Push(new PushRequest(policy.Model, workspace.Artifact)
        {
            VersionName = candidate.Name,
            Metrics = metrics,
            DatasetVersion = training.DatasetVersion,
            Hyperparameters = training.Hyperparameters,
            Blessing = report.Verdict,
            Reason = candidate.Change,
        });
    }

    private void Step(string title)
    {
        _step++;
        console.WriteLine();
        console.Write(new Rule($"[bold]{_step}. {Markup.Escape(title)}[/]").LeftJustified());
    }

    private sealed record Candidate(string Name, SampleRecipe Recipe, string Change);
}
