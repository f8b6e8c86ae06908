using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// Copies a validated candidate into the registry with its provenance (git commit, dataset version,
/// hyperparameters, metrics) and prints its version name and serving number. <c>--skip-validation</c> skips the
/// gate only with a <c>--reason</c>, which is recorded as the version's blessing.
/// </summary>
[TaskName("Push")]
[IsDependentOn(typeof(ValidateTask))]
[TaskDescription("Copy the validated candidate into the registry with its provenance")]
[TaskArgument("model", "model name", Required = true, Example = "sentiment")]
[TaskArgument("artifact", "candidate model directory", Required = true, Example = "./export/sentiment")]
[TaskArgument("metrics", "candidate metrics: a JSON object or a JSON file of name → number", Example = "eval/metrics.json")]
[TaskArgument("version", "a business name for the version (default v-YYYYMMDD-HHMMSS)", Example = "sentiment-v1.2.3")]
[TaskArgument("dataset-version", "dataset version (default: DVC's lock, or a fingerprint of --dataset)", Example = "reviews-2026-11")]
[TaskArgument("dataset", "dataset directory to fingerprint when no --dataset-version is given", Example = "data/reviews")]
[TaskArgument("hyperparameters", "a JSON file, or k=v,k=v", Example = "lr=0.001,epochs=20")]
[TaskArgument("skip-validation", "push without validating; needs --reason", IsFlag = true)]
[TaskArgument("require-clean-git", "refuse a dirty or unknown git tree", IsFlag = true)]
[TaskArgument("reason", "free text recorded in the audit log", Example = "weekly retrain")]
public class PushTask : ReleaseTask
{
    /// <inheritdoc />
    protected override void Release(ReleaseContext context) => context.Results.Set(context.Commands.Push(Request(context)));

    /// <inheritdoc />
    protected override void PlanRelease(ReleaseContext context, ChangePlan plan) => context.Results.Set(context.Commands.PlanPush(Request(context), plan));

    /// <summary>The push request from the arguments; with <paramref name="validated"/> false, before Validate has run (for its input checks).</summary>
    internal static PushRequest Request(ReleaseContext context, bool validated = true)
    {
        var model = context.RequireModel();
        if (context.Version is { } name && Names.NewVersionProblem(name) is { } problem)
        {
            // Other tasks read --version as an existing version; only a new one may not take a reserved word.
            throw new PipelineUsageException($"--version: {problem}.");
        }

        var artifact = context.Artifact ?? throw new PipelineUsageException("Push needs --artifact=<dir>, the directory your training job exported.");
        if (validated && !context.SkipValidation && context.Validation is not { Passed: true })
        {
            // Validate runs first and stops the run when it rejects; without a verdict here, --exclusive skipped it.
            throw new PipelineUsageException(
                "Push needs a passing Validate first, and --exclusive skipped it. Drop --exclusive, or push without validating: --skip-validation --reason=\"<why>\".");
        }

        return new PushRequest(model, artifact)
        {
            VersionName = context.Version,
            Metrics = context.MetricsArgument is null ? new Dictionary<string, double>() : context.ReadMetrics(),
            Hyperparameters = context.ReadHyperparameters(),
            DatasetVersion = context.DatasetVersion,
            Dataset = context.Dataset,
            RequireCleanGit = context.RequireCleanGit,
            Blessing = context.SkipValidation ? Blessing.Skipped : Blessing.Blessed,
            BlessingReason = context.SkipValidation ? context.Reason : null,
            Reason = context.Reason,
        };
    }
}
