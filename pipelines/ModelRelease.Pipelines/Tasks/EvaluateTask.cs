using ModelRelease.Cake;
using Spectre.Console;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// The Evaluator: scores the candidate and the current stable version on the same labelled evaluation set in ONNX
/// Runtime (accuracy, precision, recall, F1, AUC, log loss, latency p50/p99 per request, and per slice). A Validate
/// after it in the run judges the candidate's measured metrics against stable's measured ones, and records the
/// evaluation with its verdict; a Push records the measured metrics with the version. It changes nothing itself, so
/// a dry run evaluates too (and writes no <c>--output</c>).
/// </summary>
[TaskName("Evaluate")]
[TaskDescription("Score the candidate and stable on the same evaluation set in ONNX Runtime; Validate then compares the two")]
public class EvaluateTask : PipelineTask<ReleaseContext>
{
    /// <summary><c>--model</c>, required.</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.Required();

    /// <summary><c>--artifact</c>, required: the candidate directory holding the ONNX model.</summary>
    public static readonly Argument<string?> Artifact = ReleaseArguments.Artifact.WithDescription("candidate model directory (holding model.onnx)").Required();

    /// <summary><c>--eval-data</c>, required.</summary>
    public static readonly Argument<string?> EvalData = ReleaseArguments.EvalData.Required();

    /// <summary><c>--output</c>: the candidate's metrics as a JSON file.</summary>
    public static readonly Argument<string?> Output = ReleaseArguments.EvaluationOutput;

    /// <summary><c>--policy</c>, overriding the host's.</summary>
    public static readonly Argument<string?> Policy = ReleaseArguments.Policy;

    /// <summary><c>--root</c>: where stable is found.</summary>
    public static readonly Argument<string?> Root = ReleaseArguments.Root;

    /// <summary><c>--registry</c>: the store that says which version is stable.</summary>
    public static readonly Argument<string?> Registry = ReleaseArguments.Registry;

    /// <inheritdoc />
    public override void Run(ReleaseContext context)
    {
        Evaluate(context);
        if (context.Get(Output) is { } output)
        {
            MetricsInput.WriteFile(output, context.Evaluation!.Candidate.Metrics);
            context.Console.MarkupLineInterpolated($"Wrote the candidate's metrics to {DisplayText.Escape(output)}.");
        }
    }

    /// <inheritdoc />
    public override void Plan(ReleaseContext context, ChangePlan plan)
    {
        // Evaluating reads only, so a rehearsal measures too, and the Validate after it judges what the real run would.
        Evaluate(context);
        if (context.Get(Output) is { } output)
        {
            plan.Write(output, "the candidate's metrics");
        }
    }

    private static void Evaluate(ReleaseContext context)
    {
        var model = context.RequireModel();
        context.Evaluation = context.Commands.Evaluate(context.PolicyFor(model), context.Get(Artifact)!, context.Get(EvalData)!);
    }
}
