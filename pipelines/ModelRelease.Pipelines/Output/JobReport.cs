using System.Globalization;
using System.Text;

namespace ModelRelease.Pipelines.Output;

/// <summary>
/// What a release task tells the GitHub Actions job it runs in: a Markdown section of the job summary (what moved,
/// from what to what; the checks of a validation; the decision of an analysis; the plan of a dry run), the step
/// outputs later steps read (version, serving-number, created, stable, canary, canary-weight, decision), and an error
/// annotation per failed check of a rejection. Outside Actions it does nothing and reads nothing.
/// </summary>
internal static class JobReport
{
    /// <summary>The results a task's run starts from, to tell what the task itself made.</summary>
    internal sealed record Before(PushResult? Pushed, ReleaseOutcome? Released, ValidationReport? Validation, CanaryAnalysis? Analysis, PrunePlan? Pruned);

    public static Before Take(ReleaseContext context) =>
        new(context.Pushed, context.Released, context.Validation, context.Results.Find<CanaryAnalysis>(), context.Results.Find<PrunePlan>());

    public static void Succeeded(ReleaseContext context, string task, Before before, ChangePlan? plan) =>
        Report(context, task, () => Write(context, task, before, plan, rejection: null));

    public static void Rejected(ReleaseContext context, string task, Before before, GateRejectedException rejection)
    {
        Report(context, task, () =>
        {
            foreach (var check in rejection.FailedChecks)
            {
                context.GitHubActions.Error($"{task} rejected: {check.Name}", $"{check.Name} is {check.Actual}; the policy expects {check.Expected}.");
            }

            Write(context, task, before, plan: null, rejection);
        });
    }

    private static void Report(ReleaseContext context, string task, Action write)
    {
        if (!context.GitHubActions.IsActive)
        {
            return;
        }

        try
        {
            write();
        }
        catch (Exception failure) when (failure is RegistryException or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            // The task's own outcome stands; a summary that could not be written is only worth a warning.
            context.GitHubActions.Warning($"Could not write {task}'s job summary or outputs: {failure.Message}");
        }
    }

    private static void Write(ReleaseContext context, string task, Before before, ChangePlan? plan, GateRejectedException? rejection)
    {
        var pushed = Changed(context.Pushed, before.Pushed);
        var released = Changed(context.Released, before.Released);
        var validation = Changed(context.Validation, before.Validation);
        var analysis = Changed(context.Results.Find<CanaryAnalysis>(), before.Analysis);
        var pruned = Changed(context.Results.Find<PrunePlan>(), before.Pruned);

        var section = new StringBuilder();
        var model = context.Model ?? pushed?.Version.Model ?? released?.Model;
        section.Append("### ").Append(MarkdownText.Escape(task));
        if (model is not null)
        {
            section.Append(" · ").Append(MarkdownText.Escape(model));
        }

        section.Append(rejection is not null ? " — rejected" : context.DryRun ? " — dry run, nothing changed" : string.Empty).Append("\n\n");
        if (rejection is not null)
        {
            section.Append(MarkdownText.Escape(rejection.Message)).Append("\n\n");
        }

        Push(section, pushed, context.DryRun);
        Step(section, released);
        Checks(section, validation, rejection);
        Analysis(section, analysis);
        Prune(section, pruned);
        Plan(section, plan);
        context.GitHubActions.AppendSummary(section.ToString());

        Outputs(context, model, pushed, released, validation, analysis, rejection);
    }

    private static void Push(StringBuilder section, PushResult? pushed, bool dryRun)
    {
        if (pushed is null)
        {
            return;
        }

        var version = pushed.Version;
        section.Append(pushed.Created
                ? $"{(dryRun ? "Would push" : "Pushed")} **{MarkdownText.Escape(version.Name)}** (serving number {version.Number}): {version.FileCount} files, {ByteSize.Format(version.TotalBytes)}.\n\n"
                : $"The bytes are already **{MarkdownText.Escape(version.Name)}** (serving number {version.Number}): no new version.\n\n")
            .Append(MarkdownText.Table(
                ["", ""],
                [
                    ["digest", version.Digest],
                    ["git commit", version.Git.Commit],
                    ["dataset", version.Dataset.Value],
                ]))
            .Append('\n');
    }

    private static void Step(StringBuilder section, ReleaseOutcome? released)
    {
        if (released is null)
        {
            return;
        }

        var step = released.Step;
        section.Append(MarkdownText.Escape(step.IsNoOp ? "No label moved: " + step.Summary : step.Summary)).Append("\n\n");
        if (!step.IsNoOp)
        {
            section.Append(MarkdownText.Table(
                    ["label", "before", "after"],
                    step.Edits.Select(edit => (IReadOnlyList<string?>)[
                        edit.Label,
                        step.Before.GetValueOrDefault(edit.Label) ?? "—",
                        edit.Version is null ? "— (cleared)" : edit.Change.Weight is { } weight ? $"{edit.Version} ({weight}%)" : edit.Version]).ToList()))
                .Append('\n');
        }
    }

    private static void Checks(StringBuilder section, ValidationReport? validation, GateRejectedException? rejection)
    {
        var checks = validation?.Checks ?? (rejection?.FailedChecks.Count > 0 ? rejection.FailedChecks : null);
        if (checks is null)
        {
            return;
        }

        if (validation is not null)
        {
            section.Append("Verdict: **").Append(validation.Passed ? "blessed" : "rejected").Append("**")
                .Append(validation.Baseline is { } baseline ? $", against stable {MarkdownText.Escape(baseline)}" : ", first release (no stable to compare with)")
                .Append(".\n\n");
        }

        section.Append(MarkdownText.Table(
                ["check", "actual", "expected", "result"],
                checks.Select(c => (IReadOnlyList<string?>)[c.Name, c.Actual, c.Expected, c.Passed ? "pass" : "FAIL"]).ToList()))
            .Append('\n');
    }

    private static void Analysis(StringBuilder section, CanaryAnalysis? analysis)
    {
        if (analysis is null)
        {
            return;
        }

        section.Append("Decision: **").Append(MarkdownText.Escape(analysis.DecisionText)).Append("** (run ")
            .Append(analysis.Run.Id.ToString(CultureInfo.InvariantCulture)).Append(", ").Append(analysis.Verdict.ToString().ToLowerInvariant()).Append(").\n\n")
            .Append(MarkdownText.Escape(analysis.Explanation())).Append("\n\n")
            .Append(MarkdownText.Table(
                ["check", "verdict", "measurements"],
                analysis.Checks.Select(c => (IReadOnlyList<string?>)[
                    c.Check.Name,
                    c.Verdict.ToString().ToLowerInvariant(),
                    analysis.Measurements.Count(m => m.Check == c.Check.Name).ToString(CultureInfo.InvariantCulture)]).ToList()))
            .Append('\n');
    }

    private static void Prune(StringBuilder section, PrunePlan? pruned)
    {
        if (pruned is null)
        {
            return;
        }

        section.Append(pruned.Removed.Count == 0
            ? "Nothing to prune.\n\n"
            : $"Pruned {pruned.Removed.Count} version(s), {ByteSize.Format(pruned.BytesReclaimed)}: {MarkdownText.Escape(string.Join(", ", pruned.Removed.Select(v => v.Name)))}.\n\n");
    }

    private static void Plan(StringBuilder section, ChangePlan? plan)
    {
        if (plan is null)
        {
            return;
        }

        if (plan.IsEmpty)
        {
            section.Append("The plan changes nothing.\n\n");
            return;
        }

        section.Append("The plan:\n\n");
        foreach (var change in plan.Changes)
        {
            section.Append("- ").Append(MarkdownText.Escape(change.ToString())).Append('\n');
        }

        section.Append('\n');
    }

    private static void Outputs(ReleaseContext context, string? model, PushResult? pushed, ReleaseOutcome? released, ValidationReport? validation, CanaryAnalysis? analysis, GateRejectedException? rejection)
    {
        var job = context.GitHubActions;
        var labels = model is null || rejection is not null ? [] : context.ModelRegistry.Labels(model);
        var stable = labels.FirstOrDefault(l => l.Label == LabelNames.Stable);
        var canary = labels.FirstOrDefault(l => l.Label == LabelNames.Canary);
        var version = pushed?.Version.Name ?? released?.Version ?? context.Version;
        if (version is not null)
        {
            job.SetOutput("version", version);
            var number = pushed?.Version.Number ?? labels.FirstOrDefault(l => l.Version == version)?.Number;
            if (number is not null)
            {
                job.SetOutput("serving-number", number.Value.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (pushed is not null)
        {
            job.SetOutput("created", pushed.Created ? "true" : "false");
        }

        if (model is not null && rejection is null)
        {
            job.SetOutput("stable", stable?.Version ?? string.Empty);
            job.SetOutput("canary", canary?.Version ?? string.Empty);
            job.SetOutput("canary-weight", (canary?.Weight ?? 0).ToString(CultureInfo.InvariantCulture));
        }

        var decision = rejection is not null ? "rejected"
            : analysis is not null ? Decision(analysis.Decision)
            : validation is not null ? (validation.Passed ? "blessed" : "rejected")
            : null;
        if (decision is not null)
        {
            job.SetOutput("decision", decision);
        }
    }

    private static string Decision(AnalysisDecision decision) => decision switch
    {
        AnalysisDecision.StepUp => "step-up",
        AnalysisDecision.Promote => "promote",
        AnalysisDecision.Rollback => "rollback",
        AnalysisDecision.Hold => "hold",
        _ => "continue",
    };

    private static T? Changed<T>(T? now, T? before)
        where T : class => ReferenceEquals(now, before) ? null : now;
}
