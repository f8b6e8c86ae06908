namespace ModelRelease;

/// <summary>How a recorded pipeline task run ended.</summary>
public enum ExecutionOutcome
{
    /// <summary>Started and not finished: still running, or the process died.</summary>
    Running,

    /// <summary>Finished without error.</summary>
    Succeeded,

    /// <summary>Finished with an error.</summary>
    Failed,

    /// <summary>A gate said no (validation rejected, analysis rolled back).</summary>
    Rejected,

    /// <summary>Its process died before it finished; Verify --repair marked it so.</summary>
    Aborted,
}
