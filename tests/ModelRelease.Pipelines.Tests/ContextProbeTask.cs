using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tests;

/// <summary>Captures the parsed <see cref="ReleaseContext"/> so tests can look at what a run would see.</summary>
[TaskName("Probe")]
[TaskArgument("model", "model name")]
[TaskArgument("version", "version name")]
[TaskArgument("weight", "canary weight")]
[TaskArgument("keep", "versions to keep")]
[TaskArgument("reason", "audit reason")]
[TaskArgument("format", "table or json")]
public sealed class ContextProbeTask : PipelineTask<ReleaseContext>
{
    /// <summary>The context of the last run; only <see cref="ReleaseContextTests"/> uses it, and xunit runs a class's tests one at a time.</summary>
    public static ReleaseContext? Seen { get; set; }

    public override void Run(ReleaseContext context) => Seen = context;
}
