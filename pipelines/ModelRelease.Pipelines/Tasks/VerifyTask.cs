using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// Checks the serving root against the registry: re-hashes every live version against its manifest, and compares
/// directories, links, configs, the journal and task runs with the store. Prints each finding with its fix; exits 1
/// while one remains. <c>--repair</c> first does what is safe (never deleting a registered version's files).
/// </summary>
[TaskName("Verify")]
[TaskDescription("Check the serving root against the registry (re-hash versions, links, configs, leftovers); --repair fixes what is safe")]
[TaskArgument("repair", "rebuild links and configs from the registry, quarantine unknown directories, mark dead task runs aborted", IsFlag = true)]
public class VerifyTask : PipelineTask<ReleaseContext>
{
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
