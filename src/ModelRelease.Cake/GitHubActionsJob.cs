using Cake.Common.Build.GitHubActions;
using Cake.Common.Build.GitHubActions.Data;

namespace ModelRelease.Cake;

/// <summary>
/// The GitHub Actions job the host runs in, through Cake.Common's GitHub Actions provider: log groups, annotations,
/// the job summary, step outputs and masks. Outside Actions (<c>GITHUB_ACTIONS</c> not <c>true</c>) every method
/// does nothing, so a task calls them unconditionally and prints the same plain log on a laptop.
/// </summary>
/// <remarks>
/// The host writes its own commands past the guard that keeps user text from being read as one (see the README's
/// GitHub Actions section), so a reason holding <c>::error::</c> stays text while these stay commands.
/// </remarks>
public sealed class GitHubActionsJob
{
    private readonly IGitHubActionsProvider? _provider;
    private readonly Func<string, string?> _variable;

    internal GitHubActionsJob(IGitHubActionsProvider? provider, Func<string, string?> variable)
    {
        _provider = provider;
        _variable = variable;
    }

    /// <summary>A job that is not there: every method does nothing.</summary>
    public static GitHubActionsJob None { get; } = new(null, _ => null);

    /// <summary>True in a GitHub Actions job.</summary>
    public bool IsActive => _provider is not null;

    /// <summary>Cake.Common's provider (its environment: run, workflow, job, runner), or null outside Actions.</summary>
    public IGitHubActionsProvider? Provider => _provider;

    /// <summary>An error annotation: shown on the run's page and the pull request, with <paramref name="title"/> as its heading.</summary>
    public void Error(string title, string message) =>
        _provider?.Commands.Error(message, new GitHubActionsAnnotation { Title = title });

    /// <summary>A warning annotation.</summary>
    public void Warning(string message, string? title = null) =>
        _provider?.Commands.Warning(message, title is null ? null : new GitHubActionsAnnotation { Title = title });

    /// <summary>Appends a Markdown section to the job summary (<c>GITHUB_STEP_SUMMARY</c>).</summary>
    public void AppendSummary(string markdown)
    {
        if (_provider is not null && !string.IsNullOrEmpty(_variable("GITHUB_STEP_SUMMARY")))
        {
            _provider.Commands.SetStepSummary(markdown);
        }
    }

    /// <summary>
    /// Sets a step output (<c>GITHUB_OUTPUT</c>) that later steps read as <c>steps.&lt;id&gt;.outputs.&lt;name&gt;</c>.
    /// A value spanning lines is refused: in the file's <c>name=value</c> form a second line would be read as another
    /// output, so one could set outputs it was never meant to.
    /// </summary>
    public void SetOutput(string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0 || name.AsSpan().IndexOfAny("\r\n=") >= 0)
        {
            throw new ArgumentException($"Step output '{name}' must be one line with a name without '='.", nameof(value));
        }

        if (_provider is not null && !string.IsNullOrEmpty(_variable("GITHUB_OUTPUT")))
        {
            _provider.Commands.SetOutputParameter(name, value);
        }
    }

    /// <summary>Tells the runner to mask <paramref name="secret"/> (each of its lines) in everything printed after.</summary>
    public void Mask(string secret)
    {
        if (_provider is null || string.IsNullOrEmpty(secret))
        {
            return;
        }

        foreach (var line in secret.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            _provider.Commands.SetSecret(line);
        }
    }

    /// <summary>Where the commands are written (null outside Actions): the run points it at standard error while standard output carries data.</summary>
    internal Internal.GitHubActionsCommandWriter? Writer { get; init; }

    internal void StartGroup(string title) => _provider?.Commands.StartGroup(title);

    internal void EndGroup() => _provider?.Commands.EndGroup();
}
