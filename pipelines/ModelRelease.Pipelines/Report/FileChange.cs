namespace ModelRelease.Pipelines.Report;

/// <summary>How a file differs between two versions.</summary>
public enum FileChange
{
    /// <summary>Only the candidate has it.</summary>
    Added,

    /// <summary>Only the baseline has it.</summary>
    Removed,

    /// <summary>Both have it with different bytes.</summary>
    Changed,
}
