using Cake.Core;

namespace ModelRelease.Cake;

/// <summary>
/// A synchronous task over a typed context. Override <see cref="Run"/>; override the other members only when
/// needed: the host wires a hook into the engine only when it is overridden.
/// </summary>
/// <typeparam name="TContext">The context the task reads; the host's context must be this type or derive from it.</typeparam>
public abstract class PipelineTask<TContext> : IPipelineTask
    where TContext : ICakeContext
{
    /// <summary>Does the task's work. The default does nothing, for tasks that only group dependencies.</summary>
    public virtual void Run(TContext context)
    {
    }

    /// <summary>False skips the task; <see cref="SkipReason"/> also says why.</summary>
    public virtual bool ShouldRun(TContext context) => true;

    /// <summary>
    /// Why the task is skipped in this run, or null (the default) to run it. The run prints the reason
    /// (<c>Skipping Validate: --skip-validation given</c>) and the closing report shows it, in a dry run too. Prefer it
    /// to <see cref="ShouldRun"/>, which skips without saying why; when both are overridden, either one skips the task.
    /// A target is never skipped: the run fails with the reason instead.
    /// </summary>
    public virtual string? SkipReason(TContext context) => null;

    /// <summary>Called when <see cref="Run"/> threw; the failure still stops the run unless the task has <see cref="ContinueOnErrorAttribute"/>.</summary>
    public virtual void OnError(Exception exception, TContext context)
    {
    }

    /// <summary>Called after the task, whether it succeeded or failed.</summary>
    public virtual void Finally(TContext context)
    {
    }

    /// <summary>Adds to <paramref name="plan"/> what <see cref="Run"/> would change. Must not change anything itself.</summary>
    public virtual void Plan(TContext context, ChangePlan plan)
    {
    }

    Task IPipelineTask.RunAsync(ICakeContext context)
    {
        Run((TContext)context);
        return Task.CompletedTask;
    }

    bool IPipelineTask.ShouldRun(ICakeContext context) => ShouldRun((TContext)context);

    string? IPipelineTask.SkipReason(ICakeContext context) => SkipReason((TContext)context);

    void IPipelineTask.OnError(Exception exception, ICakeContext context) => OnError(exception, (TContext)context);

    void IPipelineTask.Finally(ICakeContext context) => Finally((TContext)context);

    void IPipelineTask.Plan(ICakeContext context, ChangePlan plan) => Plan((TContext)context, plan);
}
