using System.Reflection;
using Cake.Core;

namespace ModelRelease.Cake.Internal;

/// <summary>What the host was configured with, and the factories that turn those types into instances.</summary>
internal sealed class HostConfiguration
{
    public Type ContextType { get; set; } = typeof(PipelineContext);

    public Type? LifetimeType { get; set; }

    public Type? TaskLifetimeType { get; set; }

    public string? WorkingDirectory { get; set; }

    public Dictionary<string, string> EnvironmentOverrides { get; } = new(StringComparer.Ordinal);

    public string CommandName { get; set; } = "./build.sh";

    public List<Assembly> Assemblies { get; } = [];

    public List<Type> TaskTypes { get; } = [];

    /// <summary>Arguments the context class itself declares: every task may read them.</summary>
    public IReadOnlyList<Argument> ContextArguments => ArgumentDiscovery.OfContext(ContextType);

    public TaskCatalog BuildCatalog()
    {
        var types = Assemblies.SelectMany(TaskDiscovery.FindTaskTypes).Concat(TaskTypes).Distinct();
        var catalog = new TaskCatalog(types.Select(TaskDiscovery.Describe));
        foreach (var task in catalog.Tasks.Where(t => !t.ContextType.IsAssignableFrom(ContextType)))
        {
            throw new PipelineDefinitionException(
                $"Task '{task.Name}' needs a {task.ContextType.Name}, but the host's context is {ContextType.Name}: call UseContext<{task.ContextType.Name}>() or derive {ContextType.Name} from it.");
        }

        CheckLifetime(LifetimeType, typeof(PipelineLifetime<>));
        CheckLifetime(TaskLifetimeType, typeof(PipelineTaskLifetime<>));
        return catalog;
    }

    public ICakeContext CreateContext(ICakeContext cake)
    {
        var constructor = ContextType.GetConstructor([typeof(ICakeContext)])
            ?? throw new PipelineDefinitionException($"{ContextType.Name} needs a public constructor taking ICakeContext, which the host calls once per run.");
        return (ICakeContext)constructor.Invoke([cake]);
    }

    public IPipelineTask CreateTask(Type type) => (IPipelineTask)CreateParameterless(type);

    public IPipelineLifetime? CreateLifetime() => LifetimeType is null ? null : (IPipelineLifetime)CreateParameterless(LifetimeType);

    public IPipelineTaskLifetime? CreateTaskLifetime() =>
        TaskLifetimeType is null ? null : (IPipelineTaskLifetime)CreateParameterless(TaskLifetimeType);

    private static object CreateParameterless(Type type)
    {
        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new PipelineDefinitionException($"{type.FullName} needs a public parameterless constructor; read what it needs from the context instead.");
        }

        return Activator.CreateInstance(type)!;
    }

    private void CheckLifetime(Type? lifetime, Type genericBase)
    {
        for (var t = lifetime; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == genericBase && !t.GetGenericArguments()[0].IsAssignableFrom(ContextType))
            {
                throw new PipelineDefinitionException(
                    $"{lifetime!.Name} needs a {t.GetGenericArguments()[0].Name}, but the host's context is {ContextType.Name}.");
            }
        }
    }
}
