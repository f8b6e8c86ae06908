using Cake.Core.Tooling;

namespace ModelRelease.Cake.Docker;

/// <summary>
/// What every docker command's settings share: Cake's tool settings (tool path, working directory, timeout,
/// environment) and docker's global <c>--config</c>. Each command has its own subclass.
/// </summary>
public abstract class DockerSettings : ToolSettings
{
    /// <summary>docker's <c>--config</c>: the client configuration directory (credentials live there after a login).</summary>
    public string? Config { get; set; }
}
