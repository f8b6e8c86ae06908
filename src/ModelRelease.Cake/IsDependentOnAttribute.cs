namespace ModelRelease.Cake;

/// <summary>The task runs after <see cref="Task"/>, which runs first whenever this one is a target.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class IsDependentOnAttribute(Type task) : Attribute
{
    /// <summary>The task type this task depends on.</summary>
    public Type Task { get; } = task;
}
