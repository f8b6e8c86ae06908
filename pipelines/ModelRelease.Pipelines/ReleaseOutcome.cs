namespace ModelRelease.Pipelines;

/// <summary>
/// A label step a task of this run took (Canary, Promote, Rollback, Label), for the tasks after it: a Notify task
/// reads it from <see cref="ReleaseContext.Released"/>. In a dry run it is the step the task's plan would take.
/// </summary>
/// <param name="Task">The task that took the step, e.g. "Promote".</param>
/// <param name="Step">The step: its summary, label edits and the labels before it.</param>
/// <param name="Rehearsed">True in a dry run: the step was planned, not taken.</param>
public sealed record ReleaseOutcome(string Task, ReleaseStep Step, bool Rehearsed)
{
    /// <summary>The model.</summary>
    public string Model => Step.Model;

    /// <summary>One line saying what the step did, e.g. "promote v2 to stable (was v1); clear canary (was v2)".</summary>
    public string Summary => Step.Summary;

    /// <summary>True when the labels already said what the step wanted, so nothing moved.</summary>
    public bool IsNoOp => Step.IsNoOp;

    /// <summary>The version a label was moved to (stable for Promote and Rollback, canary for Canary), or null when the step only cleared a label.</summary>
    public string? Version => Step.Edits.FirstOrDefault(e => e.Version is not null)?.Version;

}
