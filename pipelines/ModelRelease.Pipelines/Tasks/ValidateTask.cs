using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// The blessing gate: checks a candidate's artifact structure and metrics against the model's release policy and
/// the current stable version, prints each check, records the verdict, and exits 3 when it says no. With
/// <c>--version</c> and no <c>--artifact</c> it validates an already pushed version again and records its blessing.
/// </summary>
[TaskName("Validate")]
[TaskDescription("Check a candidate against the release policy and the current stable version (exit 3 when rejected)")]
public class ValidateTask : ReleaseTask
{
    /// <summary><c>--model</c>, required.</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.Required();

    /// <summary><c>--artifact</c>: the candidate directory.</summary>
    public static readonly Argument<string?> Artifact = ReleaseArguments.Artifact;

    /// <summary><c>--metrics</c>: the candidate's metrics.</summary>
    public static readonly Argument<string?> Metrics = ReleaseArguments.Metrics;

    /// <summary><c>--version</c>: a pushed version to validate again.</summary>
    public static readonly Argument<string?> Version = ReleaseArguments.Version.WithDescription("a pushed version to validate again (without --artifact)");

    /// <summary><c>--policy</c>, overriding the host's.</summary>
    public static readonly Argument<string?> Policy = ReleaseArguments.Policy;

    private const string PushTaskName = "Push";

    /// <inheritdoc />
    public override string? SkipReason(ReleaseContext context) => context.SkipValidation ? "--skip-validation given" : null;

    /// <inheritdoc />
    protected override void Release(ReleaseContext context)
    {
        var (policy, artifact, metrics, version) = Candidate(context);
        if (version is null && context.WillRun(PushTaskName))
        {
            // A push that will refuse its input must not leave a verdict (or a new store) behind for a candidate never pushed.
            context.Release.CheckPush(PushTask.Request(context, validated: false));
        }

        context.Validation = context.Commands.Validate(policy, artifact, metrics, version, Records(context, version), Measured(context, version));
    }

    /// <summary>
    /// A candidate checked on its own is a read-only check: it records nothing, so it can never change the root or the
    /// store. The verdict is recorded in a release run (Push follows) and for a pushed version validated again.
    /// </summary>
    private static bool Records(ReleaseContext context, string? version) => version is not null || context.WillRun(PushTaskName);

    /// <inheritdoc />
    protected override void PlanRelease(ReleaseContext context, ChangePlan plan)
    {
        var (policy, artifact, metrics, version) = Candidate(context);
        context.Validation = context.Commands.PlanValidate(policy, artifact, metrics, version, plan, Records(context, version), Measured(context, version));
    }

    /// <summary>What Evaluate and InfraValidate measured on this candidate in this run; a pushed version validated again was not measured here.</summary>
    private static CandidateEvidence? Measured(ReleaseContext context, string? version) =>
        version is null && (context.Evaluation is not null || context.InfraValidation is not null)
            ? new CandidateEvidence(context.Evaluation, context.InfraValidation)
            : null;

    private static (ReleasePolicy Policy, string Artifact, IReadOnlyDictionary<string, double> Metrics, string? Version) Candidate(ReleaseContext context)
    {
        var model = context.RequireModel();
        var policy = context.PolicyFor(model);
        if (context.Artifact is { } artifact)
        {
            return (policy, artifact, context.CandidateMetrics(), null);
        }

        if (context.Version is { } name)
        {
            var version = context.ModelRegistry.Version(model, name);
            if (version.IsPruned)
            {
                throw new RegistryException($"Version '{name}' of model '{model}' was pruned; its files are gone, so it cannot be validated again.");
            }

            if (context.MetricsArgument is not null)
            {
                // The blessing recorded on a version must be about the metrics recorded with it.
                throw new PipelineUsageException($"Version '{name}' is validated again on the metrics recorded with it; drop --metrics, or push the candidate with its new metrics as a new version.");
            }

            return (policy, context.ModelRegistry.Layout.VersionDirectory(model, name), version.Metrics, name);
        }

        throw new PipelineUsageException("Validate needs --artifact=<dir> and --metrics=<json> for a candidate, or --version=<name> of a pushed version to validate again.");
    }
}
