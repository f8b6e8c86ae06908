using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// Checks the serving root against the registry: re-hashes every live version against its manifest, and compares
/// directories, links, configs, the journal and task runs with the store. Prints each finding with its fix; exits 1
/// while one remains. <c>--repair</c> first does what is safe (never deleting a registered version's files).
/// </summary>
[TaskName("Verify")]
[TaskDescription("Check the serving root against the registry (re-hash versions, links, configs, leftovers); --repair fixes what is safe")]
public class VerifyTask : PipelineTask<ReleaseContext>
{
    /// <summary><c>--repair</c>.</summary>
    public static readonly Argument<bool> Repair = ReleaseArguments.Repair;

    /// <summary><c>--root</c>: the root to check.</summary>
    public static readonly Argument<string?> Root = ReleaseArguments.Root;

    /// <summary><c>--registry</c>: the store to check it against.</summary>
    public static readonly Argument<string?> Registry = ReleaseArguments.Registry;

    /// <inheritdoc />
    public override void Run(ReleaseContext context) => context.Commands.Verify(context.Repair);

    /// <inheritdoc />
    public override void Plan(ReleaseContext context, ChangePlan plan)
    {
        if (context.Repair)
        {
            context.Commands.PlanRepair(plan);
        }
    }
}
