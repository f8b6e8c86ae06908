using Cake.Core;

namespace ModelRelease.Cake;

/// <summary>
/// Setup and teardown around the whole run, over a typed context. They also run in a dry run (as in Cake), so
/// keep side effects out of them or check <see cref="PipelineContext.DryRun"/>.
/// </summary>
/// <typeparam name="TContext">The host's context type or a base of it.</typeparam>
public abstract class PipelineLifetime<TContext> : IPipelineLifetime
    where TContext : ICakeContext
{
    /// <summary>Runs once before the first task.</summary>
    public virtual void Setup(TContext context, ISetupContext info)
    {
    }

    /// <summary>Runs once after the last task, also after a failure.</summary>
    public virtual void Teardown(TContext context, ITeardownContext info)
    {
    }

    void IPipelineLifetime.Setup(ICakeContext context, ISetupContext info) => Setup((TContext)context, info);

    void IPipelineLifetime.Teardown(ICakeContext context, ITeardownContext info) => Teardown((TContext)context, info);
}
