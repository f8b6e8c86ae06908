namespace ModelRelease.Cake.Docker;

/// <summary>A docker command failed; the message has the command line (no secret is ever in it) and what docker said.</summary>
public sealed class DockerException : Exception
{
    /// <summary>Creates the exception with docker's exit code.</summary>
    public DockerException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>Creates the exception.</summary>
    public DockerException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public DockerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DockerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>docker's exit code (1 when it did not run).</summary>
    public int ExitCode { get; } = 1;
}
