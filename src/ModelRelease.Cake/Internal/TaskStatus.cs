namespace ModelRelease.Cake.Internal;

/// <summary>How a task ended in this run.</summary>
internal enum TaskStatus
{
    Executed,
    Planned,
    Skipped,
    Failed,
}
