using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// Checks before anything runs that a task, lifetime or context can be created from the services: a constructor
/// parameter nothing provides would otherwise fail halfway through a release, when the task's turn comes.
/// </summary>
internal static class ConstructorCheck
{
    /// <param name="type">The type the host will create.</param>
    /// <param name="role">How the message names it, e.g. "Task 'Notify'".</param>
    /// <param name="services">The run's container.</param>
    /// <param name="given">Types the host passes itself (the engine's context for a context type).</param>
    public static void Require(Type type, string role, IServiceProvider services, params Type[] given)
    {
        var isService = services.GetRequiredService<IServiceProviderIsService>();
        var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        if (constructors.Length == 0)
        {
            throw new PipelineDefinitionException($"{role} ({type.FullName}) needs a public constructor, which the host calls once per run.");
        }

        bool Provided(ParameterInfo p) =>
            p.HasDefaultValue || given.Any(g => p.ParameterType.IsAssignableFrom(g)) || isService.IsService(p.ParameterType);

        if (constructors.Any(c => c.GetParameters().All(Provided)))
        {
            return;
        }

        var closest = constructors.OrderBy(c => c.GetParameters().Count(p => !Provided(p))).First();
        var missing = closest.GetParameters().Where(p => !Provided(p)).Select(p => p.ParameterType).ToList();
        var names = string.Join(", ", missing.Select(Name));
        var example = missing[0];
        throw new PipelineDefinitionException(
            $"{role} ({type.FullName}) takes {names} in its constructor, and no service provides {(missing.Count == 1 ? "it" : "them")}: " +
            $"register {(missing.Count == 1 ? "it" : "each")} on the host, e.g. host.ConfigureServices(services => services.AddSingleton<{Name(example)}>(…)).");
    }

    private static string Name(Type type) =>
        type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>"
            : type.Name;
}
