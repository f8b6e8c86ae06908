namespace ModelRelease;

/// <summary>A serving image pushed for a version: where it went and the digest that pins exactly what was pushed.</summary>
/// <param name="Model">The model name.</param>
/// <param name="Version">The version name.</param>
/// <param name="Repository">The image repository, e.g. <c>ghcr.io/acme/sentiment</c>.</param>
/// <param name="Tags">The tags pushed with it (version name, serving number, short commit).</param>
/// <param name="Digest">The manifest digest the registry returned, <c>sha256:…</c>.</param>
/// <param name="PushedAt">When the push was recorded.</param>
/// <param name="ExecutionId">The task run that pushed it, when one was tracked.</param>
public sealed record VersionImage(
    string Model,
    string Version,
    string Repository,
    IReadOnlyList<string> Tags,
    string Digest,
    DateTimeOffset PushedAt,
    long? ExecutionId)
{
    /// <summary>The pinned reference a deployment pulls: <c>repository@digest</c>.</summary>
    public string Reference => $"{Repository}@{Digest}";
}
