namespace ModelRelease.Cake.Docker;

/// <summary>The options of <c>docker buildx build</c>: those of <c>docker build</c> and buildx's own.</summary>
public sealed class DockerBuildxBuildSettings : DockerBuildSettings
{
    /// <summary><c>--builder</c>: the builder instance.</summary>
    public string? Builder { get; set; }

    /// <summary><c>--push</c>: push the result (and every platform of it) to the registry.</summary>
    public bool Push { get; set; }

    /// <summary><c>--load</c>: load the result into the local image store.</summary>
    public bool Load { get; set; }

    /// <summary><c>--metadata-file</c>: where buildx writes the result's metadata, <c>containerimage.digest</c> among it.</summary>
    public string? MetadataFile { get; set; }
}
