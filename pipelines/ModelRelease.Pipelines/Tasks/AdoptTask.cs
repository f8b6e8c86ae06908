using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// Binds a serving root and a store that records no root yet: a root an older ModelRelease made, or a root whose
/// store was moved. Writes the root's marker if missing and the root's id into the store; deletes and moves nothing.
/// </summary>
[TaskName("Adopt")]
[TaskDescription("Bind an existing serving root and a store that records no root yet (deletes nothing)")]
public class AdoptTask : PipelineTask<ReleaseContext>
{
    /// <summary><c>--root</c>: the root to bind.</summary>
    public static readonly Argument<string?> Root = ReleaseArguments.Root;

    /// <summary><c>--registry</c>: the store to bind it to.</summary>
    public static readonly Argument<string?> Registry = ReleaseArguments.Registry;

    /// <inheritdoc />
    public override void Run(ReleaseContext context) => context.AdoptionCommands.Adopt();

    /// <inheritdoc />
    public override void Plan(ReleaseContext context, ChangePlan plan) => context.AdoptionCommands.PlanAdopt(plan);
}
