using System.Reflection;
using Cake.Core;

namespace ModelRelease.Cake.Internal;

/// <summary>Finds concrete task types and reads their attributes into <see cref="TaskDefinition"/>s.</summary>
internal static class TaskDiscovery
{
    public static IEnumerable<Type> FindTaskTypes(Assembly assembly) =>
        assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IPipelineTask).IsAssignableFrom(t));

    public static TaskDefinition Describe(Type type)
    {
        if (!typeof(IPipelineTask).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new PipelineDefinitionException($"{type.FullName} is not a task: derive a concrete class from PipelineTask<T> or AsyncPipelineTask<T>.");
        }

        var name = type.GetCustomAttribute<TaskNameAttribute>()?.Name ?? DefaultName(type);
        return new TaskDefinition(
            name,
            type,
            ContextTypeOf(type),
            type.GetCustomAttribute<TaskDescriptionAttribute>()?.Description ?? string.Empty,
            type.GetCustomAttributes<IsDependentOnAttribute>().Select(a => a.Task).ToList(),
            type.GetCustomAttributes<IsDependeeOfAttribute>().Select(a => a.Task).ToList(),
            type.GetCustomAttribute<ContinueOnErrorAttribute>() is not null,
            ArgumentDiscovery.OfTask(type),
            HooksOf(type));
    }

    /// <summary>
    /// <paramref name="replacement"/> in the place of <paramref name="stock"/>: the stock task's name and
    /// dependencies (both ways) with its own added, the stock's description unless it has one, and its own hooks,
    /// arguments, context and [ContinueOnError]: those describe the code that runs.
    /// </summary>
    public static TaskDefinition Replace(TaskDefinition stock, Type replacement)
    {
        var own = Describe(replacement);
        return own with
        {
            Name = stock.Name,
            Description = own.Description.Length > 0 ? own.Description : stock.Description,
            DependsOn = stock.DependsOn.Concat(own.DependsOn).Distinct().ToList(),
            DependeeOf = stock.DependeeOf.Concat(own.DependeeOf).Distinct().ToList(),
        };
    }

    /// <summary>"PushTask" → "Push": the Frosting convention, so most tasks need no [TaskName].</summary>
    private static string DefaultName(Type type) =>
        type.Name.EndsWith("Task", StringComparison.Ordinal) && type.Name.Length > 4 ? type.Name[..^4] : type.Name;

    private static Type ContextTypeOf(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (IsBaseTaskType(t))
            {
                return t.GetGenericArguments()[0];
            }
        }

        return typeof(ICakeContext);
    }

    private static TaskHooks HooksOf(Type type)
    {
        var hooks = TaskHooks.None;
        if (IsOverridden(type, "ShouldRun"))
        {
            hooks |= TaskHooks.ShouldRun;
        }

        if (IsOverridden(type, "OnError"))
        {
            hooks |= TaskHooks.OnError;
        }

        if (IsOverridden(type, "Finally"))
        {
            hooks |= TaskHooks.Finally;
        }

        if (IsOverridden(type, "SkipReason"))
        {
            hooks |= TaskHooks.SkipReason;
        }

        if (IsOverridden(type, "Plan"))
        {
            hooks |= TaskHooks.Plan;
        }

        return hooks;
    }

    /// <summary>
    /// True when the task overrides the base class's virtual <paramref name="method"/>. A public helper that only
    /// shares the name (an overload such as <c>Plan(string)</c>) is not an override and must not count.
    /// </summary>
    private static bool IsOverridden(Type type, string method) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Any(m => m.Name == method
                && m.DeclaringType is { } declaring && !IsBaseTaskType(declaring)
                && m.GetBaseDefinition().DeclaringType is { } origin && IsBaseTaskType(origin));

    private static bool IsBaseTaskType(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(PipelineTask<>) || type.GetGenericTypeDefinition() == typeof(AsyncPipelineTask<>));
}
