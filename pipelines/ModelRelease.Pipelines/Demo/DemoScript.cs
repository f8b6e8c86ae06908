using System.Diagnostics;
using Spectre.Console;

namespace ModelRelease.Pipelines.Demo;

/// <summary>
/// The whole release lifecycle on the sample model, through the same commands the tasks run: push and promote a
/// first version; canary and promote a better one; watch validation reject a regression; abort a canary; mark a
/// golden version; roll stable back to the previous version and then to golden; let canary analysis on live metrics
/// roll back a slow canary and walk a healthy one to promotion; prune; then Status and History.
/// </summary>
public sealed class DemoScript(DemoWorkspace workspace, ReleasePolicy policy, IAnsiConsole console, RunEnvironment environment)
{
    private const int Keep = 2;
    private int _step;

    /// <summary>The versions the demo trains, in order: name, weights seed, metrics, dataset and what the commit says.</summary>
    private static readonly Candidate[] Candidates =
    [
        new("v1", 1, 0.912, 0.897, 41.5, "reviews-2026-09", "first model: bag of words, 20 epochs"),
        new("v2", 2, 0.927, 0.911, 39.8, "reviews-2026-10", "more data: October reviews"),
        new("v3", 3, 0.874, 0.861, 58.2, "reviews-2026-10", "aggressive pruning of the vocabulary"),
        new("v4", 4, 0.931, 0.915, 40.2, "reviews-2026-11", "November reviews"),
        new("v5", 5, 0.928, 0.912, 40.0, "reviews-2026-11", "retrain with label smoothing"),
        new("v6", 6, 0.929, 0.913, 39.9, "reviews-2026-11", "retrain with a new seed"),
        new("v7", 7, 0.930, 0.914, 39.7, "reviews-2026-11", "retrain with a longer schedule"),
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

        Step("Push v1 and promote it: the first version has no stable to canary against, so it is promoted directly");
        Ship(commands, Candidates[0]);
        commands.Apply(release.PlanPromote(model, "v1", "first release"));

        Step("Push v2 (better metrics), canary it at 10% next to stable v1, then promote it");
        Ship(commands, Candidates[1]);
        commands.Apply(release.PlanCanary(model, "v2", policy.CanarySteps.FirstOrDefault(10), "October data"));
        commands.Apply(release.PlanPromote(model, null, "canary healthy"));

        Step("Push v3, whose metrics regress: Validate rejects it (exit code 3 in a pipeline) and nothing is pushed");
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
        commands.Status(model, json: false);

        Step("History");
        commands.History(new EventQuery(model), json: false);

        Step("Verify: every live version re-hashed against its manifest; links, configs and journal checked against the registry");
        commands.Verify(repair: false);
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

    /// <summary>Trains, validates and pushes one candidate, as Validate + Push would.</summary>
    private void Ship(ReleaseCommands commands, Candidate candidate)
    {
        var metrics = candidate.Metrics;
        var commit = workspace.Train(candidate.Seed, metrics, $"train {candidate.Name}: {candidate.Change}");
        console.MarkupLineInterpolated($"Trained {candidate.Name} ({candidate.Change}) at commit {commit[..12]}.");
        var report = commands.Validate(policy, workspace.Artifact, metrics);
        commands.Push(new PushRequest(policy.Model, workspace.Artifact)
        {
            VersionName = candidate.Name,
            Metrics = metrics,
            DatasetVersion = candidate.Dataset,
            Hyperparameters = new Dictionary<string, string> { ["learning_rate"] = "0.001", ["epochs"] = "20", ["seed"] = candidate.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) },
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

    private sealed record Candidate(string Name, int Seed, double Accuracy, double F1, double LatencyP99, string Dataset, string Change)
    {
        public IReadOnlyDictionary<string, double> Metrics => new Dictionary<string, double>
        {
            ["accuracy"] = Accuracy,
            ["f1"] = F1,
            ["latency_p99_ms"] = LatencyP99,
        };
    }
}
