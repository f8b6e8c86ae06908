using ModelRelease.Cake;
using ModelRelease.Pipelines.Tasks;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>A team's own target over the stock ones: "Ship" runs Validate and Push as its dependencies.</summary>
[TaskName("Ship")]
[IsDependentOn(typeof(PushTask))]
public sealed class ShipTask : PipelineTask<ReleaseContext>
{
}
