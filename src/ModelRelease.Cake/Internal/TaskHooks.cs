namespace ModelRelease.Cake.Internal;

/// <summary>Which optional members a task type overrides; only those are wired into the engine.</summary>
[Flags]
internal enum TaskHooks
{
    None = 0,
    ShouldRun = 1,
    OnError = 2,
    Finally = 4,
    Plan = 8,
    SkipReason = 16,
}
