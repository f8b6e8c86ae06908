using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>How a <see cref="ModelRegistry"/> sees the world: the clock, who is running, how configs name paths.</summary>
public sealed class RegistryOptions
{
    /// <summary>The clock for version names, numbers and event times.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Who is releasing, from where, and the variables provenance is read from.</summary>
    public RunEnvironment Environment { get; init; } = RunEnvironment.FromProcess();

    /// <summary>
    /// The serving root as TF Serving sees it, for <c>base_path</c> in models.config (e.g. <c>/models</c> when the
    /// root is mounted into a container there). Null uses the root's absolute path on this machine.
    /// </summary>
    public string? ServingBasePath { get; init; }

    /// <summary>
    /// The model server a label move waits for, in phases: models.config first loads the incoming version (labels
    /// unchanged) until the server says AVAILABLE, then moves the label, then unloads the outgoing version. Null writes
    /// the final config at once, without asking any server.
    /// </summary>
    public ServingReadiness? Readiness { get; init; }

    /// <summary>
    /// A model's router files (its policy's <see cref="ReleasePolicy.Routers"/>), rendered beside routing.json whenever
    /// its labels are synced; null for a model whose settings are unknown here, whose files are then left as they are.
    /// </summary>
    public Func<string, RouterOutputs?>? Routers { get; init; }

    /// <summary>Where warnings go (unknown provenance, a repaired half-finished change).</summary>
    public Action<string> Warn { get; init; } = _ => { };

    /// <summary>How labels and numeric entries point at versions: symlinks, or pointer files on Windows.</summary>
    internal ServingLinks Links { get; init; } = ServingLinks.ForCurrentPlatform();

    /// <summary>Called at named points of a change, so tests can make it fail exactly there.</summary>
    internal Action<string> Fault { get; init; } = _ => { };
}
