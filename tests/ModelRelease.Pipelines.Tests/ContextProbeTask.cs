using ModelRelease.Cake;

namespace ModelRelease.Pipelines.Tests;

/// <summary>Captures the parsed <see cref="ReleaseContext"/> so tests can look at what a run would see.</summary>
[TaskName("Probe")]
public sealed class ContextProbeTask : PipelineTask<ReleaseContext>
{
    public static readonly Argument<string?> Model = ReleaseArguments.Model;
    public static readonly Argument<string?> Version = ReleaseArguments.Version;
    public static readonly Argument<int> Weight = ReleaseArguments.Weight;
    public static readonly Argument<int> Keep = ReleaseArguments.Keep;
    public static readonly Argument<string?> Reason = ReleaseArguments.Reason;
    public static readonly Argument<string> Format = ReleaseArguments.Format;
    public static readonly Argument<string?> Root = ReleaseArguments.Root;
    public static readonly Argument<string?> Registry = ReleaseArguments.Registry;

    /// <summary>The context of the last run; only <see cref="ReleaseContextTests"/> uses it, and xunit runs a class's tests one at a time.</summary>
    public static ReleaseContext? Seen { get; set; }

    public override void Run(ReleaseContext context) => Seen = context;
}
