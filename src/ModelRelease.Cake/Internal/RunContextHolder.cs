using Cake.Core;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// The run's typed context, for the service container: services are registered before the context exists (its
/// <see cref="ICakeContext.ServiceProvider"/> is the container), so <see cref="ICakeContext"/> and the context type
/// resolve through this holder once the host has created the context.
/// </summary>
internal sealed class RunContextHolder
{
    private ICakeContext? _context;

    public ICakeContext Context
    {
        get => _context ?? throw new InvalidOperationException(
            "The context is not created yet: a service the context's constructor takes cannot itself take the context. Resolve it later, in a task or a lifetime.");
        set => _context = value;
    }
}
