using System.Text;
using System.Text.Json;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace ModelRelease.Cake.Docker;

/// <summary>
/// Runs <see cref="DockerCommand"/>s as a Cake tool: <c>docker</c> is found the Cake way (the settings' tool path, the
/// tool registry, then PATH), its output is logged line by line and kept for <see cref="DockerResult"/>, and a failure
/// throws <see cref="DockerException"/> with the command line and docker's own message. A login's password is read
/// from its variable only here and written to docker's standard input; any line docker prints that contains it is
/// masked before it is logged or thrown.
/// </summary>
public sealed class DockerRunner : Tool<DockerSettings>
{
    private const string Mask = "***";
    private readonly ICakeEnvironment _environment;
    private readonly IFileSystem _fileSystem;
    private readonly ICakeLog _log;
    private List<string> _output = [];
    private List<string> _error = [];
    private DockerCommand? _running;
    private string? _secret;

    /// <summary>Creates a runner over Cake's services.</summary>
    public DockerRunner(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools, ICakeLog log)
        : base(fileSystem, environment, processRunner, tools)
    {
        _fileSystem = fileSystem;
        _environment = environment;
        _log = log ?? throw new ArgumentNullException(nameof(log));
    }

    /// <summary>A runner over <paramref name="context"/>'s services.</summary>
    public static DockerRunner For(ICakeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new DockerRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools, context.Log);
    }

    /// <summary>Runs <paramref name="command"/> and returns what it printed.</summary>
    /// <exception cref="DockerException">docker exited non-zero (the message has its standard error), or a login's password variable is unset.</exception>
    /// <exception cref="CakeException">docker was not found.</exception>
    public DockerResult Run(DockerCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var process = new ProcessSettings
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // BuildKit writes its progress to standard error, so both streams are logged as information, not warnings.
            RedirectedStandardOutputHandler = line => Keep(_output, line, LogLevel.Information),
            RedirectedStandardErrorHandler = line => Keep(_error, line, LogLevel.Information),
        };
        _secret = null;
        if (command.PasswordVariable is { } variable)
        {
            _secret = _environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(_secret))
            {
                throw new DockerException($"{command.Render()}: the environment variable {variable} is not set or empty. Set it to the registry password or token (in CI, from a secret), or name another variable.", 1);
            }

            process.StandardInput = _secret;
        }

        _output = [];
        _error = [];
        _running = command;
        try
        {
            Run(command.Settings, command.Arguments, process, null);
            return new DockerResult(command, _output, _error, MetadataDigest(command));
        }
        finally
        {
            _running = null;
            _secret = null;
        }
    }

    /// <inheritdoc />
    protected override string GetToolName() => "docker";

    /// <inheritdoc />
    protected override IEnumerable<string> GetToolExecutableNames() => ["docker", "docker.exe"];

    /// <summary>Fails with the command line and the last lines docker wrote to standard error (its reason).</summary>
    protected override void ProcessExitCode(int exitCode)
    {
        if (exitCode == 0)
        {
            return;
        }

        var said = _error.Count > 0 ? _error : _output;
        var reason = said.Count == 0 ? "it printed nothing" : string.Join(Environment.NewLine, said.TakeLast(10));
        throw new DockerException($"{_running?.Render() ?? "docker"} failed with exit code {exitCode}: {reason}", exitCode);
    }

    private string Keep(List<string> lines, string? line, LogLevel level)
    {
        if (line is null)
        {
            return line!;
        }

        var safe = _secret is { Length: > 0 } secret ? line.Replace(secret, Mask, StringComparison.Ordinal) : line;
        lines.Add(safe);
        _log.Write(Verbosity.Normal, level, "{0}", safe);
        return safe;
    }

    // buildx's --metadata-file holds the pushed manifest's digest; docker push prints it instead.
    private string? MetadataDigest(DockerCommand command)
    {
        if (command.Settings is not DockerBuildxBuildSettings { MetadataFile: { } file })
        {
            return null;
        }

        var path = new FilePath(file).MakeAbsolute(_environment);
        if (!_fileSystem.Exist(path))
        {
            return null;
        }

        using var stream = _fileSystem.GetFile(path).OpenRead();
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("containerimage.digest", out var digest) && digest.ValueKind == JsonValueKind.String
            ? digest.GetString()
            : null;
    }
}
