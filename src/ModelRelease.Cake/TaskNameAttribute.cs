namespace ModelRelease.Cake;

/// <summary>Names a task; without it the task is named after its type, less a trailing "Task".</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TaskNameAttribute(string name) : Attribute
{
    /// <summary>The task name used by <c>--target</c>.</summary>
    public string Name { get; } = name;
}
