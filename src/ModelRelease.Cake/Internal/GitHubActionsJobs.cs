using Cake.Common.Build.GitHubActions;
using Cake.Core.IO;

namespace ModelRelease.Cake.Internal;

/// <summary>Creates the run's <see cref="GitHubActionsJob"/> and masks the secrets it can see before anything prints.</summary>
internal static class GitHubActionsJobs
{
    // Shorter values are not masked: the runner would hide every occurrence of those letters in the whole log.
    private const int ShortestMaskedSecret = 6;

    // Names the secret-name rule matches that hold no secret: the working directories ("pwd").
    private static readonly HashSet<string> NotSecret = new(StringComparer.Ordinal) { "PWD", "OLDPWD" };

    /// <summary>The job when the console writes to a GitHub Actions log, else <see cref="GitHubActionsJob.None"/>.</summary>
    public static GitHubActionsJob Create(HostConsole console, IReadOnlyDictionary<string, string> environmentOverrides, string? workingDirectory, IReadOnlyList<string> args)
    {
        if (console.WorkflowOutput is not { } output)
        {
            return GitHubActionsJob.None;
        }

        var environment = HostEnvironment.Create(workingDirectory, environmentOverrides);
        var writer = new GitHubActionsCommandWriter(output, console.WorkflowError);
        var provider = new GitHubActionsProvider(environment, new FileSystem(), writer);
        var job = new GitHubActionsJob(provider, name => Blank(environment.GetEnvironmentVariable(name))) { Writer = writer };
        // The masks go to standard error, which never carries data (a task may yet claim standard output for JSON),
        // and before the first line either stream prints.
        writer.OutputCarriesData = static () => true;
        MaskSecrets(job, environment.GetEnvironmentVariables());
        MaskArguments(job, args);
        writer.OutputCarriesData = static () => false;
        return job;
    }

    /// <summary>Masks the secrets in the arguments: values of secret-named options, passwords in connection strings and URLs.</summary>
    private static void MaskArguments(GitHubActionsJob job, IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var name = string.Empty;
            var value = arg;
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = arg.IndexOf('=');
                name = eq < 0 ? arg[2..] : arg[2..eq];
                // "--password value": the next word is the value.
                value = eq >= 0 ? arg[(eq + 1)..] : i + 1 < args.Count && !args[i + 1].StartsWith('-') ? args[i + 1] : string.Empty;
            }

            Mask(job, name, value);
        }
    }

    private static void MaskSecrets(GitHubActionsJob job, IDictionary<string, string> variables)
    {
        foreach (var (name, value) in variables)
        {
            if (!NotSecret.Contains(name))
            {
                Mask(job, name, value);
            }
        }
    }

    private static void Mask(GitHubActionsJob job, string name, string? value)
    {
        foreach (var secret in SecretValues.In(name, value))
        {
            if (secret.Length >= ShortestMaskedSecret)
            {
                job.Mask(secret);
            }
        }
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
