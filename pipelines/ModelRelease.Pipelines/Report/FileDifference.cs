namespace ModelRelease.Pipelines.Report;

/// <summary>One file that differs between two versions' manifests.</summary>
/// <param name="Path">The file's path in the artifact.</param>
/// <param name="Change">Added, removed or changed (same path, other bytes).</param>
/// <param name="BaselineSize">Its size in the baseline; null when added.</param>
/// <param name="CandidateSize">Its size in the candidate; null when removed.</param>
public sealed record FileDifference(string Path, FileChange Change, long? BaselineSize, long? CandidateSize);
