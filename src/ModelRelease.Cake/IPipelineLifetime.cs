using Cake.Core;

namespace ModelRelease.Cake;

/// <summary>Untyped setup/teardown around the whole run. Derive from <see cref="PipelineLifetime{TContext}"/>.</summary>
public interface IPipelineLifetime
{
    /// <summary>Runs once before the first task.</summary>
    void Setup(ICakeContext context, ISetupContext info);

    /// <summary>Runs once after the last task, also after a failure.</summary>
    void Teardown(ICakeContext context, ITeardownContext info);
}
