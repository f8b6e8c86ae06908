namespace ModelRelease;

/// <summary>
/// What a prune keeps and removes among the unpruned versions of a model (versions pruned before are in neither
/// list). <see cref="ModelRegistry.PlanPrune"/> returns it without changing anything; <see cref="ModelRegistry.Prune"/>
/// returns what it removed.
/// </summary>
/// <param name="Model">Model name.</param>
/// <param name="Keep">How many of the newest versions are kept besides protected ones.</param>
/// <param name="Kept">The versions kept with why, newest first.</param>
/// <param name="Removed">The versions whose files go, oldest first; their metadata and audit trail stay.</param>
public sealed record PrunePlan(string Model, int Keep, IReadOnlyList<RetainedVersion> Kept, IReadOnlyList<ModelVersion> Removed)
{
    /// <summary>The bytes the removed versions' files take: what the prune frees on the serving disk.</summary>
    public long BytesReclaimed => Removed.Sum(v => v.TotalBytes);
}
