namespace ModelRelease.Internal;

/// <summary>What <see cref="VersionPublisher.Prepare"/> found for a push that passed every check made before the copy.</summary>
/// <param name="Request">The request.</param>
/// <param name="Git">The code provenance to record.</param>
/// <param name="Dataset">The dataset version to record.</param>
/// <param name="Artifact">The scanned artifact, with its manifest.</param>
/// <param name="VersionNames">The name of every version of the model when it was read, pruned ones included.</param>
/// <param name="NewestNumber">The largest serving number the model has used, pruned versions included; null for a new model.</param>
/// <param name="Existing">A version the push resolves to without copying (same name and bytes, or same bytes), or null.</param>
internal sealed record PreparedPush(
    PushRequest Request,
    GitProvenance Git,
    DatasetVersion Dataset,
    ScannedArtifact Artifact,
    IReadOnlyList<string> VersionNames,
    long? NewestNumber,
    ModelVersion? Existing);
