using Cake.Core;

namespace ModelRelease.Cake;

/// <summary>Setup and teardown around each task, over a typed context (timing, log groups, audit hooks).</summary>
/// <typeparam name="TContext">The host's context type or a base of it.</typeparam>
public abstract class PipelineTaskLifetime<TContext> : IPipelineTaskLifetime
    where TContext : ICakeContext
{
    /// <summary>Runs before each task.</summary>
    public virtual void Setup(TContext context, ITaskSetupContext info)
    {
    }

    /// <summary>Runs after each task, also after a failure.</summary>
    public virtual void Teardown(TContext context, ITaskTeardownContext info)
    {
    }

    void IPipelineTaskLifetime.Setup(ICakeContext context, ITaskSetupContext info) => Setup((TContext)context, info);

    void IPipelineTaskLifetime.Teardown(ICakeContext context, ITaskTeardownContext info) => Teardown((TContext)context, info);
}
