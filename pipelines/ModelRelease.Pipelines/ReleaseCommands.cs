using ModelRelease.Cake;
using ModelRelease.Pipelines.Output;
using Spectre.Console;

namespace ModelRelease.Pipelines;

/// <summary>
/// What each release task does and prints, over a <see cref="ReleaseManager"/> and a console, without Cake types: the
/// tasks call it with their parsed arguments and the Demo calls it with its own, so a step prints the same either way.
/// Each mutating command has a Plan twin that reads only and fills a <see cref="ChangePlan"/> for <c>--dryrun</c>. A Plan
/// twin also rehearses its step on the registry (<see cref="ModelRegistry.Rehearse"/>), so the plans after it in the
/// same run see the state it would leave: Canary plans on the version Push's plan would create. Its one-line messages
/// go through <see cref="MarkupLines"/>, which writes simple markup without Spectre's renderer (none of them is written
/// while a progress bar runs).
/// </summary>
public sealed partial class ReleaseCommands(ReleaseManager release, IAnsiConsole console)
{
    private ModelRegistry Registry => release.Registry;

    /// <summary>Validates a candidate, prints the checks, records the verdict; a rejection throws <see cref="GateRejectedException"/> (exit 3).</summary>
    /// <param name="policy">The model's release policy.</param>
    /// <param name="artifact">The candidate directory.</param>
    /// <param name="metrics">The candidate's metrics.</param>
    /// <param name="version">The pushed version being (re)validated, or null for a candidate not pushed yet.</param>
    /// <param name="record">
    /// False for a candidate checked on its own (Validate without Push): a read-only check that records nothing, so
    /// it never changes the root or the store. A pushed version's new blessing, and a release run's verdict, are recorded.
    /// </param>
    /// <param name="measured">What Evaluate and InfraValidate measured on the candidate in this run: stable's measured metrics become the baseline, and both are recorded.</param>
    public ValidationReport Validate(ReleasePolicy policy, string artifact, IReadOnlyDictionary<string, double> metrics, string? version = null, bool record = true, CandidateEvidence? measured = null)
    {
        var report = Judge(policy, artifact, metrics, measured);
        ValidationTable.Print(console, report, version);
        if (record)
        {
            release.RecordValidation(report, version);
        }

        return report.Passed ? report : throw new GateRejectedException($"Validation rejected the candidate of '{policy.Model}': {report.FailureText()}") { FailedChecks = report.Failures };
    }

    /// <summary>The dry-run twin of <see cref="Validate"/>: prints the checks and says what would be recorded; a rejection still exits 3.</summary>
    public ValidationReport PlanValidate(ReleasePolicy policy, string artifact, IReadOnlyDictionary<string, double> metrics, string? version, ChangePlan plan, bool record = true, CandidateEvidence? measured = null)
    {
        var report = Judge(policy, artifact, metrics, measured);
        ValidationTable.Print(console, report, version);
        if (record)
        {
            plan.Record($"a validation of {policy.Model}{(version is null ? " (candidate)" : " " + version)}: {report.Verdict.ToString().ToLowerInvariant()}");
            Registry.Rehearse().Validate(policy.Model, version, report.Verdict, report.Passed ? null : report.FailureText());
        }

        return report.Passed ? report : throw new GateRejectedException($"Validation would reject the candidate of '{policy.Model}': {report.FailureText()}") { FailedChecks = report.Failures };
    }

    private ValidationReport Judge(ReleasePolicy policy, string artifact, IReadOnlyDictionary<string, double> metrics, CandidateEvidence? measured)
    {
        var report = release.Validate(policy, artifact, metrics, measured?.StableMetrics);
        return measured is null ? report : measured.Attach(report);
    }

    /// <summary>
    /// Pushes a version and prints its name, serving number, size and throughput, and provenance; a push that takes
    /// more than a few seconds shows its progress meanwhile (a bar at a terminal, plain lines in a log).
    /// </summary>
    public PushResult Push(PushRequest request)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = PushProgressView.Run(console, progress => Registry.Push(request, progress));
        var v = result.Version;
        if (result.Created)
        {
            console.WriteMarkupLineInterpolated($"Pushed [bold]{D(v.Model)} {D(v.Name)}[/] as serving number [bold]{v.Number}[/]: {v.FileCount} files, {PushProgressView.Throughput(v.TotalBytes, clock.Elapsed)}, commit {D(ReleaseText.ShortCommit(v.Git))}, dataset {D(v.Dataset.Value)}, {Blessings.Describe(v)}.");
        }
        else
        {
            // A different --version asked for is not created: say so, so nobody deploys a name that does not exist.
            var asked = request.VersionName is { } name && !string.Equals(name, v.Name, StringComparison.Ordinal)
                ? $" No version {D(name)} was created: use {D(v.Name)}."
                : "";
            console.WriteMarkupLineInterpolated($"[yellow]{D(v.Model)} {D(v.Name)}[/] (serving number {v.Number}) already holds these exact bytes; no new version was added.{asked}");
        }

        return result;
    }

    /// <summary>
    /// The dry-run twin of <see cref="Push"/>: describes the push and rehearses it, returning the version it would
    /// create (or the live version with the same bytes a repeated push resolves to), as the steps after it will see it.
    /// </summary>
    public PushResult PlanPush(PushRequest request, ChangePlan plan)
    {
        var pushPlan = release.PlanPush(request);
        pushPlan.Describe(plan, Registry.Layout);
        var version = Registry.Rehearse().Push(pushPlan, request);
        return new PushResult(version, Created: pushPlan.Existing is null);
    }

    /// <summary>Runs a planned label step and prints what moved.</summary>
    public IReadOnlyList<LabelChangeResult> Apply(ReleaseStep step)
    {
        PrintNotes(step);

        if (step.IsNoOp)
        {
            console.WriteMarkupLineInterpolated($"{D(step.Summary)}.");
            return [];
        }

        var results = release.Apply(step);
        console.WriteMarkupLineInterpolated($"[green]Done:[/] {D(step.Summary)}.");
        if (step.Edits.Any(e => e.Label is LabelNames.Stable or LabelNames.Canary))
        {
            if (Registry.Options.Readiness is { } readiness)
            {
                console.WriteMarkupLineInterpolated($"  serving: {D(readiness.Server.ToString())} served the incoming version before its label moved");
            }
            else
            {
                console.WriteMarkupLine("  serving: wait skipped (no --serving-url): models.config was written with the label moved at once");
            }
        }

        var labels = Registry.Labels(step.Model);
        console.WriteMarkupLineInterpolated($"  labels of {D(step.Model)}: {Labels.Describe(labels)}");
        return results;
    }

    /// <summary>The dry-run twin of <see cref="Apply"/>: describes the step and rehearses it for the plans after it.</summary>
    public void Plan(ReleaseStep step, ChangePlan plan)
    {
        PrintNotes(step);

        if (step.IsNoOp)
        {
            console.WriteMarkupLineInterpolated($"{D(step.Summary)}.");
        }

        step.Describe(plan, Registry.Layout, Registry.Options.Readiness);
        if (!step.IsNoOp && Registry.Options.Routers?.Invoke(step.Model) is { } routers)
        {
            foreach (var kind in routers.Kinds)
            {
                plan.Write(Registry.Layout.RouterPath(kind, step.Model), $"{kind} router: the same traffic split");
            }
        }
        Registry.Rehearse().Apply(step);
    }

    private void PrintNotes(ReleaseStep step)
    {
        foreach (var note in step.Notes)
        {
            console.WriteMarkupLineInterpolated($"[yellow]note:[/] {D(note)}");
        }
    }

    /// <summary>User and stored text printed in a line: control characters as visible escapes, so a value cannot start a line of its own.</summary>
    private static string D(string? text) => DisplayText.Escape(text);

    /// <summary>Prunes a model and prints what it kept (and why) and what it removed.</summary>
    public PrunePlan Prune(string model, int keep, string? reason)
    {
        var done = Registry.Prune(model, keep, reason);
        PruneReport.Print(console, done, dryRun: false);
        return done;
    }

    /// <summary>The dry-run twin of <see cref="Prune"/>.</summary>
    public PrunePlan PlanPrune(string model, int keep, ChangePlan plan)
    {
        var pruning = Registry.PlanPrune(model, keep);
        PruneReport.Print(console, pruning, dryRun: true);
        foreach (var version in pruning.Removed)
        {
            plan.Delete(Registry.Layout.VersionDirectory(model, version.Name), version.TotalBytes);
        }

        if (pruning.Removed.Count > 0)
        {
            plan.Record($"{pruning.Removed.Count} {(pruning.Removed.Count == 1 ? "version" : "versions")} of {model} as pruned (metadata kept for the audit)");
        }

        Registry.Rehearse().Prune(pruning);
        return pruning;
    }

    /// <summary>
    /// Checks the root against the registry and prints each finding with its fix; with <paramref name="repair"/>, first
    /// repairs what is safe. Fails (exit 1) while a finding remains.
    /// </summary>
    public VerifyReport Verify(bool repair)
    {
        if (repair)
        {
            var done = Registry.Repair();
            foreach (var action in done)
            {
                console.WriteMarkupLineInterpolated($"[yellow]repaired:[/] {action}");
            }

            if (done.Count == 0)
            {
                console.WriteMarkupLine("Nothing to repair.");
            }
        }

        var report = Registry.Verify();
        VerifyView.Print(console, report, Registry.Layout.Root);
        return report.IsClean ? report : throw new RegistryException(
            $"Verify found {report.Findings.Count} {(report.Findings.Count == 1 ? "inconsistency" : "inconsistencies")} in {Registry.Layout.Root}" +
            (report.Findings.Any(f => f.Repairable) && !repair ? "; run Verify --repair to fix what is safe to fix." : "; the rest needs a person (see the fix column)."));
    }

    /// <summary>The dry-run twin of <see cref="Verify"/> with repair: what the repair would do.</summary>
    public void PlanRepair(ChangePlan plan)
    {
        foreach (var change in Registry.PlanRepair())
        {
            plan.Add(change.Kind, change.Description);
        }
    }

    /// <summary>Binds the root and the store, and prints what it did and what the store does not know.</summary>
    public AdoptResult Adopt()
    {
        var result = Registry.Adopt();
        if (!result.WroteMarker && !result.BoundStore)
        {
            console.WriteMarkupLineInterpolated($"{Registry.Layout.Root} and {Registry.Store.Location} already belong together (root id {result.RootId}); nothing was changed.");
        }
        else
        {
            var kept = result.SetsAsideDamagedMarker ? $"Nothing was deleted; the damaged marker was kept in {Registry.Layout.QuarantineDirectory}." : "Nothing was deleted or moved.";
            console.WriteMarkupLineInterpolated($"[green]Adopted[/] {Registry.Layout.Root} with the registry {Registry.Store.Location} (root id {result.RootId}): {result.Why}. {kept}");
            foreach (var line in result.Registered)
            {
                console.WriteMarkupLineInterpolated($"  registered {line}");
            }

            // Adopt syncs nothing: links and configs written for another path or store stay until the next change.
            console.WriteMarkupLine("Links, the numeric view and the configs are brought in line with the registry by the next change or by Verify --repair; Verify lists what differs now.");
        }

        PrintUnknown(result);
        return result;
    }

    /// <summary>The dry-run twin of <see cref="Adopt"/>.</summary>
    public void PlanAdopt(ChangePlan plan)
    {
        var result = Registry.PlanAdopt();
        if (result.SetsAsideDamagedMarker)
        {
            plan.Add(ChangeKind.Move, $"move the damaged {Registry.Layout.RootMarkerPath} to the quarantine (kept, not deleted)");
        }

        if (result.WroteMarker)
        {
            plan.Write(Registry.Layout.RootMarkerPath, $"the root's identity, id {result.RootId}");
        }

        foreach (var line in result.Registered)
        {
            plan.Record(line);
        }

        if (result.BoundStore)
        {
            plan.Record($"the root {Registry.Layout.Root} (id {result.RootId}) as the registry's own");
        }

        PrintUnknown(result);
    }

    private void PrintUnknown(AdoptResult result)
    {
        foreach (var path in result.Unknown)
        {
            console.WriteMarkupLineInterpolated($"[yellow]note:[/] the registry does not know {path}; the next change moves it to {Registry.Layout.QuarantineDirectory} (never deletes it). Verify lists it.");
        }
    }

    /// <summary>Prints the status of one model, or of every model when <paramref name="model"/> is null.</summary>
    public void Status(string? model, VersionQuery query, bool json) => StatusView.Print(console, StatusView.Read(Registry, model, query), json, Registry.Store.Location);

    /// <summary>
    /// Prints a page of the audit log, newest first. One event more than the page is read, so the page can say whether
    /// older ones match and how to reach them.
    /// </summary>
    public void History(EventQuery query, bool json)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = query.Newest;
        var events = Registry.History(query with { Newest = page + 1 });
        var more = page is { } size && events.Count > size;
        var shown = events.Skip(more ? 1 : 0).Reverse().ToList();
        HistoryView.Print(console, shown, json, more ? shown[^1].Id : null);
    }
}
