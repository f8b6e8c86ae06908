namespace ModelRelease.Cake;

/// <summary>
/// Names a task; without it the task is named after its type, less a trailing "Task". A derived task inherits the
/// name unless it has its own, so <c>class MyCanary : CanaryTask</c> found next to the stock task is refused as a
/// second "Canary" (with the fix: <c>host.Replace&lt;CanaryTask, MyCanary&gt;()</c>) instead of quietly becoming
/// a task nobody runs.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class TaskNameAttribute(string name) : Attribute
{
    /// <summary>The task name used by <c>--target</c>.</summary>
    public string Name { get; } = name;
}
