namespace ModelRelease.Internal;

/// <summary>What <see cref="VersionPublisher.Prepare"/> found for a push that passed every check made before the copy.</summary>
/// <param name="Request">The request.</param>
/// <param name="Git">The code provenance to record.</param>
/// <param name="Dataset">The dataset version to record.</param>
/// <param name="Artifact">The scanned artifact, with its manifest.</param>
/// <param name="Versions">The model's versions when it was read, pruned ones included.</param>
/// <param name="Existing">A version the push resolves to without copying (same name and bytes, or same bytes), or null.</param>
internal sealed record PreparedPush(
    PushRequest Request,
    GitProvenance Git,
    DatasetVersion Dataset,
    ScannedArtifact Artifact,
    IReadOnlyList<ModelVersion> Versions,
    ModelVersion? Existing);
