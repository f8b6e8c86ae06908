using System.Reflection;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// Finds the arguments a task or a context declares. A task declares an argument it reads with a static field or
/// property of type <see cref="Argument{T}"/> on its class or a base class (a base such as a release task's declares
/// what all its tasks read), or with <see cref="TaskArgumentAttribute"/>. A context declares only arguments every
/// task reads, with <see cref="TaskArgumentAttribute"/>; its typed arguments are listed by the tasks that read them.
/// </summary>
internal static class ArgumentDiscovery
{
    private const BindingFlags StaticMembers = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>The task's arguments: its own declarations first, then its base classes', then its attributes; one per name.</summary>
    public static IReadOnlyList<Argument> OfTask(Type task) =>
        Distinct(Members(task).Concat(Attributes(task)));

    /// <summary>The arguments a context declares for every task.</summary>
    public static IReadOnlyList<Argument> OfContext(Type context) => Distinct(Attributes(context));

    private static IEnumerable<Argument> Members(Type type)
    {
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            // Plain loops over MemberInfo, not LINQ over (member, getter) tuples: this runs for every task at every
            // start, and generic code over a value type is not precompiled (ReadyToRun), so the tuples cost a JIT.
            var members = new List<MemberInfo>();
            foreach (var field in t.GetFields(StaticMembers))
            {
                if (typeof(Argument).IsAssignableFrom(field.FieldType))
                {
                    members.Add(field);
                }
            }

            foreach (var property in t.GetProperties(StaticMembers))
            {
                if (typeof(Argument).IsAssignableFrom(property.PropertyType) && property.GetMethod is not null && property.GetIndexParameters().Length == 0)
                {
                    members.Add(property);
                }
            }

            // Declaration order (tokens are unique: fields, then properties, as before).
            members.Sort((a, b) => a.MetadataToken.CompareTo(b.MetadataToken));
            foreach (var member in members)
            {
                yield return Read(type, t, member);
            }
        }
    }

    private static Argument Read(Type task, Type declaring, MemberInfo member)
    {
        try
        {
            var value = member is FieldInfo field ? field.GetValue(null) : ((PropertyInfo)member).GetValue(null);
            return value as Argument ?? throw new PipelineDefinitionException(
                $"{declaring.Name}.{member.Name} declares an argument of {task.Name} but is null: give it a declaration, e.g. = Argument.Text(\"name\", \"what it means\").");
        }
        catch (Exception error) when (Cause(error) is ArgumentException or InvalidOperationException)
        {
            // A declaration with a bad name or an empty range fails in the type's static constructor; say where.
            throw new PipelineDefinitionException($"{declaring.Name}.{member.Name}: {Cause(error).Message}");
        }
    }

    private static Exception Cause(Exception error) =>
        error is TargetInvocationException or TypeInitializationException && error.InnerException is { } inner ? Cause(inner) : error;

    private static IEnumerable<Argument> Attributes(Type type)
    {
        foreach (var attribute in type.GetCustomAttributes<TaskArgumentAttribute>(inherit: true))
        {
            Argument argument;
            try
            {
                argument = attribute.ToArgument();
            }
            catch (ArgumentException error)
            {
                throw new PipelineDefinitionException($"[TaskArgument(\"{attribute.Name}\")] on {type.Name}: {error.Message}");
            }

            yield return argument;
        }
    }

    /// <summary>The first declaration of each name: a derived task's own declaration wins over its base class's.</summary>
    private static List<Argument> Distinct(IEnumerable<Argument> arguments) =>
        arguments.DistinctBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();
}
