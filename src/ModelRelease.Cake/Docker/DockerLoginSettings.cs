namespace ModelRelease.Cake.Docker;

/// <summary>
/// The options of <c>docker login</c>. The password is never a setting: it is read from the environment variable
/// <see cref="PasswordVariable"/> when the command runs and written to docker's standard input
/// (<c>--password-stdin</c>), so it appears in no command line, log, plan or exception.
/// </summary>
public sealed class DockerLoginSettings : DockerSettings
{
    /// <summary>The variable docker's password or token is read from when a login runs without <see cref="PasswordVariable"/>.</summary>
    public const string DefaultPasswordVariable = "DOCKER_PASSWORD";

    /// <summary>The registry host, e.g. <c>ghcr.io</c>; null logs in to Docker Hub.</summary>
    public string? Server { get; set; }

    /// <summary><c>--username</c>, required.</summary>
    public string? Username { get; set; }

    /// <summary>The environment variable holding the password or token.</summary>
    public string PasswordVariable { get; set; } = DefaultPasswordVariable;
}
