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
public class PushTask : ReleaseTask
{
    /// <summary><c>--model</c>, required.</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.Required();

    /// <summary><c>--artifact</c>: the directory to push, required.</summary>
    public static readonly Argument<string?> Artifact = ReleaseArguments.Artifact.Required();

    /// <summary><c>--metrics</c>: the candidate's metrics.</summary>
    public static readonly Argument<string?> Metrics = ReleaseArguments.Metrics;

    /// <summary><c>--version</c>: the new version's name; a word <c>--to</c> or <c>--label</c> reads otherwise is refused.</summary>
    public static readonly Argument<string?> Version = ReleaseArguments.Version.WithDescription("a business name for the version (default v-YYYYMMDD-HHMMSS)").WithExample("sentiment-v1.2.3").Check(Names.NewVersionProblem);

    /// <summary><c>--dataset-version</c>.</summary>
    public static readonly Argument<string?> DatasetVersion = ReleaseArguments.DatasetVersion;

    /// <summary><c>--dataset</c>: the directory to fingerprint.</summary>
    public static readonly Argument<string?> Dataset = ReleaseArguments.Dataset;

    /// <summary><c>--hyperparameters</c>.</summary>
    public static readonly Argument<string?> Hyperparameters = ReleaseArguments.Hyperparameters;

    /// <summary><c>--skip-validation</c>.</summary>
    public static readonly Argument<bool> SkipValidation = ReleaseArguments.SkipValidation;

    /// <summary><c>--require-clean-git</c>.</summary>
    public static readonly Argument<bool> RequireCleanGit = ReleaseArguments.RequireCleanGit;

    /// <summary><c>--reason</c>, recorded in the audit log.</summary>
    public static readonly Argument<string?> Reason = ReleaseArguments.Reason;

    /// <inheritdoc />
    protected override void Release(ReleaseContext context) => context.Results.Set(context.Commands.Push(Request(context)));

    /// <inheritdoc />
    protected override void PlanRelease(ReleaseContext context, ChangePlan plan) => context.Results.Set(context.Commands.PlanPush(Request(context), plan));

    /// <summary>The push request from the arguments; with <paramref name="validated"/> false, before Validate has run (for its input checks).</summary>
    internal static PushRequest Request(ReleaseContext context, bool validated = true)
    {
        // A reserved --version (golden, previous, …) was refused before the first task, by Push's declaration of it.
        var model = context.RequireModel();

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
            Metrics = context.MetricsArgument is null && context.Evaluation is null ? new Dictionary<string, double>() : context.CandidateMetrics(),
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
