namespace ModelRelease.Cake.Docker;

/// <summary>The options of <c>docker tag</c> (it has only the global ones).</summary>
public sealed class DockerTagSettings : DockerSettings
{
}
