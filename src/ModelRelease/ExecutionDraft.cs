namespace ModelRelease;

/// <summary>A task run about to be recorded as started.</summary>
/// <param name="Task">Task name.</param>
/// <param name="Model">The model, if the task has one.</param>
/// <param name="Arguments">Arguments as JSON.</param>
/// <param name="StartedAt">Start time, UTC.</param>
/// <param name="Actor">Who.</param>
/// <param name="Host">Where.</param>
/// <param name="CiRunUrl">The CI run, if any.</param>
public sealed record ExecutionDraft(string Task, string? Model, string Arguments, DateTimeOffset StartedAt, string Actor, string Host, string? CiRunUrl)
{
    /// <summary>Which process runs it: <c>&lt;pid&gt;:&lt;process start ticks&gt;</c> on <see cref="Host"/>.</summary>
    public string? Lease { get; init; }
}
