using Cake.Core;

namespace ModelRelease.Cake;

/// <summary>An asynchronous task over a typed context; the same shape as <see cref="PipelineTask{TContext}"/>.</summary>
/// <typeparam name="TContext">The context the task reads; the host's context must be this type or derive from it.</typeparam>
public abstract class AsyncPipelineTask<TContext> : IPipelineTask
    where TContext : ICakeContext
{
    /// <summary>Does the task's work. The default does nothing.</summary>
    public virtual Task RunAsync(TContext context) => Task.CompletedTask;

    /// <summary>False skips the task; <see cref="SkipReason"/> also says why.</summary>
    public virtual bool ShouldRun(TContext context) => true;

    /// <summary>
    /// Why the task is skipped in this run, or null (the default) to run it. The run prints the reason
    /// (<c>Skipping Validate: --skip-validation given</c>) and the closing report shows it, in a dry run too. Prefer it
    /// to <see cref="ShouldRun"/>, which skips without saying why; when both are overridden, either one skips the task.
    /// A target is never skipped: the run fails with the reason instead.
    /// </summary>
    public virtual string? SkipReason(TContext context) => null;

    /// <summary>Called when <see cref="RunAsync"/> failed; the failure still stops the run unless the task has <see cref="ContinueOnErrorAttribute"/>.</summary>
    public virtual void OnError(Exception exception, TContext context)
    {
    }

    /// <summary>Called after the task, whether it succeeded or failed.</summary>
    public virtual void Finally(TContext context)
    {
    }

    /// <summary>Adds to <paramref name="plan"/> what <see cref="RunAsync"/> would change. Must not change anything itself.</summary>
    public virtual void Plan(TContext context, ChangePlan plan)
    {
    }

    Task IPipelineTask.RunAsync(ICakeContext context) => RunAsync((TContext)context);

    bool IPipelineTask.ShouldRun(ICakeContext context) => ShouldRun((TContext)context);

    string? IPipelineTask.SkipReason(ICakeContext context) => SkipReason((TContext)context);

    void IPipelineTask.OnError(Exception exception, ICakeContext context) => OnError(exception, (TContext)context);

    void IPipelineTask.Finally(ICakeContext context) => Finally((TContext)context);

    void IPipelineTask.Plan(ICakeContext context, ChangePlan plan) => Plan((TContext)context, plan);
}
