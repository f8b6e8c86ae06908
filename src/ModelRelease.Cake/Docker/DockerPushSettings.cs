namespace ModelRelease.Cake.Docker;

/// <summary>The options of <c>docker push</c>.</summary>
public sealed class DockerPushSettings : DockerSettings
{
    /// <summary><c>--all-tags</c>: push every local tag of the repository (the reference is then a repository without a tag).</summary>
    public bool AllTags { get; set; }

    /// <summary><c>--quiet</c>: no progress output. docker still prints the digest line, which <see cref="DockerResult.Digest"/> reads.</summary>
    public bool Quiet { get; set; }
}
