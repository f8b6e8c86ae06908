using System.Reflection;
using Cake.Core;
using Microsoft.Extensions.DependencyInjection;

namespace ModelRelease.Cake.Internal;

/// <summary>What the host was configured with, and the factories that turn those types into instances.</summary>
internal sealed class HostConfiguration
{
    public Type ContextType { get; set; } = typeof(PipelineContext);

    /// <summary>Run lifetimes in registration order, each type once.</summary>
    public List<Type> LifetimeTypes { get; } = [];

    /// <summary>Task lifetimes in registration order, each type once.</summary>
    public List<Type> TaskLifetimeTypes { get; } = [];

    public string? WorkingDirectory { get; set; }

    public Dictionary<string, string> EnvironmentOverrides { get; } = new(StringComparer.Ordinal);

    public string CommandName { get; set; } = "./build.sh";

    public List<Assembly> Assemblies { get; } = [];

    public List<Type> TaskTypes { get; } = [];

    /// <summary>Arguments the context class itself declares: every task may read them.</summary>
    public IReadOnlyList<Argument> ContextArguments => ArgumentDiscovery.OfContext(ContextType);

    /// <summary>The host's InstallTool addresses, as given; <see cref="ToolPackages"/> checks them.</summary>
    public List<string> ToolAddresses { get; } = [];

    /// <summary>The tools to install, each once.</summary>
    /// <exception cref="PipelineDefinitionException">An address is not a dotnet: tool with a package and an exact version.</exception>
    public IReadOnlyList<ToolPackage> ToolPackages()
    {
        // One string key (ids and versions hold no '/'), not a tuple: generic code over a tuple is JIT-compiled at every start.
        var tools = ToolAddresses.Select(ToolPackage.Parse).DistinctBy(t => $"{t.Id}/{t.Version}", StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var clash in tools.GroupBy(t => t.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            throw new PipelineDefinitionException(
                $"InstallTool names {clash.Key} in versions {string.Join(" and ", clash.Select(t => t.Version))}: both would offer the same commands. Keep one.");
        }

        return tools;
    }

    /// <summary>The host's Replace and Without calls.</summary>
    public TaskEdits Edits { get; } = new();

    public TaskCatalog BuildCatalog()
    {
        var types = Assemblies.SelectMany(TaskDiscovery.FindTaskTypes).Concat(TaskTypes).Distinct().ToList();
        var catalog = Edits.BuildCatalog(types);
        foreach (var task in catalog.Tasks.Where(t => !t.ContextType.IsAssignableFrom(ContextType)))
        {
            throw new PipelineDefinitionException(
                $"Task '{task.Name}' needs a {task.ContextType.Name}, but the host's context is {ContextType.Name}: call UseContext<{task.ContextType.Name}>() or derive {ContextType.Name} from it.");
        }

        LifetimeTypes.ForEach(t => CheckLifetime(t, typeof(PipelineLifetime<>)));
        TaskLifetimeTypes.ForEach(t => CheckLifetime(t, typeof(PipelineTaskLifetime<>)));
        return catalog;
    }

    /// <summary>The host's <c>ConfigureServices</c> calls, in order.</summary>
    public List<Action<IServiceCollection>> ServiceConfigurations { get; } = [];

    /// <summary>
    /// Refuses, before anything runs, a context, lifetime or task of this run whose constructor takes something no
    /// service provides. Tasks that do not run are not checked, as they are not created.
    /// </summary>
    public void CheckConstructors(IServiceProvider services, IEnumerable<TaskDefinition> tasks)
    {
        ConstructorCheck.Require(ContextType, $"The context {ContextType.Name}", services, typeof(ICakeContext));
        foreach (var lifetime in LifetimeTypes.Concat(TaskLifetimeTypes))
        {
            ConstructorCheck.Require(lifetime, $"The lifetime {lifetime.Name}", services);
        }

        foreach (var task in tasks)
        {
            ConstructorCheck.Require(task.Type, $"Task '{task.Name}'", services);
        }
    }

    public ICakeContext CreateContext(IServiceProvider services, ICakeContext cake) =>
        (ICakeContext)ActivatorUtilities.CreateInstance(services, ContextType, cake);

    public static IPipelineTask CreateTask(IServiceProvider services, Type type) => (IPipelineTask)ActivatorUtilities.CreateInstance(services, type);

    public IReadOnlyList<IPipelineLifetime> CreateLifetimes(IServiceProvider services) =>
        LifetimeTypes.Select(t => (IPipelineLifetime)ActivatorUtilities.CreateInstance(services, t)).ToList();

    public IReadOnlyList<IPipelineTaskLifetime> CreateTaskLifetimes(IServiceProvider services) =>
        TaskLifetimeTypes.Select(t => (IPipelineTaskLifetime)ActivatorUtilities.CreateInstance(services, t)).ToList();

    private void CheckLifetime(Type lifetime, Type genericBase)
    {
        for (var t = lifetime; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == genericBase && !t.GetGenericArguments()[0].IsAssignableFrom(ContextType))
            {
                throw new PipelineDefinitionException(
                    $"{lifetime.Name} needs a {t.GetGenericArguments()[0].Name}, but the host's context is {ContextType.Name}.");
            }
        }
    }
}
