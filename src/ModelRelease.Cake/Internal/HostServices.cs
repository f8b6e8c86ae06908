namespace ModelRelease.Cake.Internal;

/// <summary>The few services the host hands to contexts (console, run options); Cake 7 requires a provider.</summary>
internal sealed class HostServices : IServiceProvider
{
    private readonly Dictionary<Type, object> _services = [];

    public HostServices Add<T>(T service)
        where T : notnull
    {
        _services[typeof(T)] = service;
        return this;
    }

    public object? GetService(Type serviceType) => _services.GetValueOrDefault(serviceType);
}
