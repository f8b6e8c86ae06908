namespace ModelRelease;

/// <summary>
/// Who is releasing, from where, and the environment variables to read provenance from. The library never reads
/// the process environment on its own, so a host (or a test) decides what it sees.
/// </summary>
public sealed class RunEnvironment
{
    private readonly Func<string, string?> _variables;

    /// <summary>Creates an environment over a variable lookup and a working directory.</summary>
    public RunEnvironment(string workingDirectory, Func<string, string?> variables, string? userName = null, string? machineName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workingDirectory);
        ArgumentNullException.ThrowIfNull(variables);
        WorkingDirectory = Path.GetFullPath(workingDirectory);
        _variables = variables;
        Actor = NonBlank(variables("GITHUB_ACTOR")) ?? NonBlank(userName) ?? "unknown";
        Host = NonBlank(machineName) ?? "unknown";
        CiRunUrl = GitHubRunUrl(variables);
        CiWorkflow = CiRunUrl is null ? null : NonBlank(variables("GITHUB_WORKFLOW"));
        CiJob = CiRunUrl is null ? null : NonBlank(variables("GITHUB_JOB"));
    }

    /// <summary>The process's own environment, user, machine and working directory.</summary>
    public static RunEnvironment FromProcess() =>
        new(Directory.GetCurrentDirectory(), Environment.GetEnvironmentVariable, Environment.UserName, Environment.MachineName);

    /// <summary>Where provenance is searched from (the git repository is found by walking up from here).</summary>
    public string WorkingDirectory { get; }

    /// <summary>The GitHub actor in Actions, else the OS user.</summary>
    public string Actor { get; }

    /// <summary>The machine name.</summary>
    public string Host { get; }

    /// <summary>The URL of the GitHub Actions run, or null outside Actions.</summary>
    public string? CiRunUrl { get; }

    /// <summary>The GitHub Actions workflow's name (<c>GITHUB_WORKFLOW</c>) in a run, else null.</summary>
    public string? CiWorkflow { get; }

    /// <summary>The job's id in its workflow (<c>GITHUB_JOB</c>) in a run, else null.</summary>
    public string? CiJob { get; }

    /// <summary>Reads an environment variable; null when unset.</summary>
    public string? Variable(string name) => _variables(name);

    /// <summary>A run is identified by server, repository, run id and attempt, all of which Actions sets.</summary>
    private static string? GitHubRunUrl(Func<string, string?> variables)
    {
        var server = NonBlank(variables("GITHUB_SERVER_URL"));
        var repository = NonBlank(variables("GITHUB_REPOSITORY"));
        var runId = NonBlank(variables("GITHUB_RUN_ID"));
        if (server is null || repository is null || runId is null)
        {
            return null;
        }

        var attempt = NonBlank(variables("GITHUB_RUN_ATTEMPT"));
        var url = $"{server.TrimEnd('/')}/{repository}/actions/runs/{runId}";
        return attempt is null || attempt == "1" ? url : $"{url}/attempts/{attempt}";
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
