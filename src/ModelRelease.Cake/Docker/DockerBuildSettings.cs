namespace ModelRelease.Cake.Docker;

/// <summary>The options of <c>docker build</c>.</summary>
public class DockerBuildSettings : DockerSettings
{
    /// <summary><c>--file</c>: the Dockerfile; docker's default is <c>PATH/Dockerfile</c>.</summary>
    public string? File { get; set; }

    /// <summary><c>--tag</c>, once per reference (<c>repository:tag</c>).</summary>
    public IList<string> Tags { get; } = [];

    /// <summary><c>--label</c>, once per label, in name order so the command line is the same every run.</summary>
    public IDictionary<string, string> Labels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary><c>--build-arg</c>, once per argument, in name order. Build arguments end up in the image's history: never pass a secret here.</summary>
    public IDictionary<string, string> BuildArgs { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary><c>--platform</c>, e.g. <c>linux/amd64</c> (buildx takes a comma-separated list).</summary>
    public string? Platform { get; set; }

    /// <summary><c>--target</c>: the build stage to stop at.</summary>
    public string? Target { get; set; }

    /// <summary><c>--pull</c>: always pull a newer base image.</summary>
    public bool Pull { get; set; }

    /// <summary><c>--no-cache</c>.</summary>
    public bool NoCache { get; set; }

    /// <summary><c>--iidfile</c>: where docker writes the built image's id.</summary>
    public string? IidFile { get; set; }
}
