using ModelRelease.Cake;
using ModelRelease.Pipelines.Tasks;
using Spectre.Console;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>A team's Canary: the stock one, with a limit of its own on the canary's share of traffic.</summary>
public sealed class GatedCanaryTask : CanaryTask
{
    protected override ReleaseStep Step(ReleaseContext context)
    {
        var step = base.Step(context);
        var weight = step.Edits.Select(e => e.Change.Weight).FirstOrDefault(w => w is not null);
        return weight > 20
            ? throw new GateRejectedException($"gated canary: {weight}% is more than this team's 20% for a first canary")
            : step;
    }

    protected override void Release(ReleaseContext context)
    {
        base.Release(context);
        context.Console.WriteLine("gated canary done");
    }
}

/// <summary>A team's own label step over its own context: marks stable golden, recorded as a task run.</summary>
[TaskName("GoldenStable")]
public sealed class GoldenStableTask : ReleaseStepTask<TestReleaseContext>
{
    /// <summary>It reads only --model (and the registry arguments every release task declares).</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.Required();

    protected override ReleaseStep Step(TestReleaseContext context)
    {
        var model = context.RequireModel();
        var stable = context.ModelRegistry.VersionAt(model, LabelNames.Stable)?.Name
            ?? throw new RegistryException($"{model} has no stable version to mark golden.");
        return context.Release.PlanLabel(model, LabelNames.Golden, stable, $"{TestReleaseContext.Mnist.Model} policy: golden follows stable");
    }
}
