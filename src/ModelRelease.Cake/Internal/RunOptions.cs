namespace ModelRelease.Cake.Internal;

/// <summary>What the command line asked of this run, handed to the context through the service provider.</summary>
internal sealed record RunOptions(bool DryRun, IReadOnlyList<string> Targets)
{
    public static RunOptions Default { get; } = new(false, []);
}
