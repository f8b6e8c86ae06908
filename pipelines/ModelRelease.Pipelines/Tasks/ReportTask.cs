using ModelRelease.Cake;
using ModelRelease.Pipelines.Output;
using ModelRelease.Pipelines.Report;
using Spectre.Console;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// Writes one self-contained HTML page from the store: the versions, a chart per metric, a comparison of two
/// versions, the label timeline and the canary analyses. It reads the store only; in GitHub Actions it also appends
/// the comparison's metric table to the job summary.
/// </summary>
[TaskName("Report")]
[TaskDescription("Write a self-contained HTML report (versions, metric trends, comparison, label timeline, canary analyses)")]
public class ReportTask : PipelineTask<ReleaseContext>
{
    /// <summary><c>--model</c>: one model, or every one.</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.WithDescription("model name (default: every model)");

    /// <summary><c>--out</c>: the HTML file written.</summary>
    public static readonly Argument<string?> Out = Argument.Path("out", $"the HTML file written (default ./{ReportFile.DefaultName})")
        .WithExample("./report.html");

    /// <summary><c>--compare</c>: the baseline and candidate compared.</summary>
    public static readonly Argument<string?> Compare = Argument.Text("compare", "baseline,candidate versions compared (default: stable,canary, else the two newest)")
        .WithExample("v1,v2")
        .Check(CompareProblem);

    /// <summary><c>--policy</c>: the model's policy, for bounds and verdicts, when the host does not declare it.</summary>
    public static readonly Argument<string?> Policy = ReleaseArguments.Policy;

    /// <summary><c>--root</c>: the root whose store is read.</summary>
    public static readonly Argument<string?> Root = ReleaseArguments.Root;

    /// <summary><c>--registry</c>: the store read.</summary>
    public static readonly Argument<string?> Registry = ReleaseArguments.Registry;

    /// <inheritdoc />
    public override void Run(ReleaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = OutPath(context);
        ReportFile.RequireAllowed(path, context.Root, context.Store);
        var reports = ReportReader.Read(context.ModelRegistry, context.Model, PolicyOf(context), Pair(context.Get(Compare)));
        ReportFile.Write(path, context.Root, reports, DateTimeOffset.UtcNow);
        context.Console.MarkupLineInterpolated($"Report of {reports.Count} {(reports.Count == 1 ? "model" : "models")} written to {path}");
        if (context.GitHubActions.IsActive)
        {
            foreach (var comparison in reports.Select(r => r.Comparison).OfType<VersionComparison>())
            {
                context.GitHubActions.AppendSummary(ComparisonMarkdown.Render(comparison));
            }
        }
    }

    /// <summary>It writes one file outside the root and changes nothing in the store.</summary>
    public override void Plan(ReleaseContext context, ChangePlan plan)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plan);
        var path = OutPath(context);
        ReportFile.RequireAllowed(path, context.Root, context.Store);
        plan.Write(path, "the HTML report");
    }

    // A --policy file is one model's; reporting every model, the others are drawn without a policy rather than refused.
    private static Func<string, ReleasePolicy?> PolicyOf(ReleaseContext context)
    {
        if (context.PolicyFile is null || context.Model is not null)
        {
            return context.FindPolicy;
        }

        var fileModel = ReleasePolicyFile.Load(context.PolicyFile).Model;
        return model => model == fileModel ? context.FindPolicy(model) : null;
    }

    private static string OutPath(ReleaseContext context) =>
        context.Get(Out) ?? Path.GetFullPath(ReportFile.DefaultName, context.Environment.WorkingDirectory.FullPath);

    private static (string Baseline, string Candidate)? Pair(string? compare) =>
        compare?.Split(',') is [var baseline, var candidate] ? (baseline.Trim(), candidate.Trim()) : null;

    private static string? CompareProblem(string? compare)
    {
        var parts = compare?.Split(',');
        if (parts is not [var baseline, var candidate])
        {
            return $"--compare={DisplayText.Escape(compare)} is not two version names; give --compare=BASELINE,CANDIDATE, e.g. --compare=v1,v2";
        }

        return Names.VersionProblem(baseline.Trim()) ?? Names.VersionProblem(candidate.Trim())
            ?? (baseline.Trim() == candidate.Trim() ? $"--compare names {DisplayText.Escape(baseline)} twice; give two different versions" : null);
    }
}
