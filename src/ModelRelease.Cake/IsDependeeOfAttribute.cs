namespace ModelRelease.Cake;

/// <summary>The reverse of <see cref="IsDependentOnAttribute"/>: <see cref="Task"/> depends on this task.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class IsDependeeOfAttribute(Type task) : Attribute
{
    /// <summary>The task type that depends on this task.</summary>
    public Type Task { get; } = task;
}
