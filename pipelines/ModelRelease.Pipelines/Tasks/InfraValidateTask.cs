using Cake.Core.Diagnostics;
using ModelRelease.Cake;
using ModelRelease.Onnx;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// The InfraValidator: loads the candidate in ONNX Runtime, checks that its signature keeps stable's clients working
/// (a renamed input or a changed type is a release blocker, named), sends it the warm-up requests and checks their
/// p99 latency against the policy's <c>latency_p99_ms</c> bound. Any failure exits 3; a format this runtime cannot
/// load (a SavedModel) is reported as not checked, never as passed. It changes nothing, so a dry run checks too.
/// </summary>
[TaskName("InfraValidate")]
[TaskDescription("Load the candidate in ONNX Runtime, compare its signature with stable's, send warm-up requests (exit 3 when not servable)")]
public class InfraValidateTask : PipelineTask<ReleaseContext>
{
    /// <summary><c>--model</c>, required.</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.Required();

    /// <summary><c>--artifact</c>, required.</summary>
    public static readonly Argument<string?> Artifact = ReleaseArguments.Artifact.WithDescription("candidate model directory (holding model.onnx)").Required();

    /// <summary><c>--requests</c>, required.</summary>
    public static readonly Argument<string?> Requests = ReleaseArguments.Requests.Required();

    /// <summary><c>--policy</c>, overriding the host's.</summary>
    public static readonly Argument<string?> Policy = ReleaseArguments.Policy;

    /// <summary><c>--root</c>: where stable is found.</summary>
    public static readonly Argument<string?> Root = ReleaseArguments.Root;

    /// <summary><c>--registry</c>: the store that says which version is stable.</summary>
    public static readonly Argument<string?> Registry = ReleaseArguments.Registry;

    /// <inheritdoc />
    public override void Run(ReleaseContext context) => Check(context);

    /// <inheritdoc />
    public override void Plan(ReleaseContext context, ChangePlan plan) => Check(context);

    private static void Check(ReleaseContext context)
    {
        var model = context.RequireModel();
        var report = context.Commands.InfraValidate(context.PolicyFor(model), context.Get(Artifact)!, context.Get(Requests)!);
        context.InfraValidation = report;
        if (report.Outcome == InfraCheckOutcome.NotChecked)
        {
            context.Log.Warning("InfraValidate could not check {0}'s candidate here; it is not marked servable.", model);
        }
    }
}
