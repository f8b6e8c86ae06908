using Cake.Core;

namespace ModelRelease.Cake;

/// <summary>
/// The untyped task contract the host drives. Derive from <see cref="PipelineTask{TContext}"/> or
/// <see cref="AsyncPipelineTask{TContext}"/> instead of implementing this directly.
/// </summary>
public interface IPipelineTask
{
    /// <summary>Does the task's work.</summary>
    Task RunAsync(ICakeContext context);

    /// <summary>False skips the task (it shows as Skipped in the report).</summary>
    bool ShouldRun(ICakeContext context);

    /// <summary>Why the task is skipped in this run, or null to run it; printed when it is skipped and shown in the report.</summary>
    string? SkipReason(ICakeContext context);

    /// <summary>Called when the task failed, before the failure stops the run.</summary>
    void OnError(Exception exception, ICakeContext context);

    /// <summary>Called after the task, whether it succeeded or failed.</summary>
    void Finally(ICakeContext context);

    /// <summary>Describes what the task would change, without changing anything; a dry run prints it.</summary>
    void Plan(ICakeContext context, ChangePlan plan);
}
