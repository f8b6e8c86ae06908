namespace ModelRelease.Cake;

/// <summary>A failure of this task is reported but does not stop the tasks after it.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ContinueOnErrorAttribute : Attribute
{
}
