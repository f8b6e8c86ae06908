using Cake.Core;

namespace ModelRelease.Cake;

/// <summary>Untyped setup/teardown around each task. Derive from <see cref="PipelineTaskLifetime{TContext}"/>.</summary>
public interface IPipelineTaskLifetime
{
    /// <summary>Runs before each task.</summary>
    void Setup(ICakeContext context, ITaskSetupContext info);

    /// <summary>Runs after each task, also after a failure.</summary>
    void Teardown(ICakeContext context, ITaskTeardownContext info);
}
