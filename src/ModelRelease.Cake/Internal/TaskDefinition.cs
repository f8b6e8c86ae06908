namespace ModelRelease.Cake.Internal;

/// <summary>Everything the host knows about a task type before creating it: read once from its attributes.</summary>
internal sealed record TaskDefinition(
    string Name,
    Type Type,
    Type ContextType,
    string Description,
    IReadOnlyList<Type> DependsOn,
    IReadOnlyList<Type> DependeeOf,
    bool ContinueOnError,
    IReadOnlyList<Argument> Arguments,
    TaskHooks Hooks)
{
    public bool Overrides(TaskHooks hook) => (Hooks & hook) == hook;
}
