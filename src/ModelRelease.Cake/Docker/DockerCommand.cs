using Cake.Core.IO;
using ModelRelease.Cake.Internal;

namespace ModelRelease.Cake.Docker;

/// <summary>
/// One docker command line, built from typed settings before anything runs, so a dry run prints exactly what a
/// real run executes (<see cref="Render"/>). A login's password is not part of it: only the name of the variable it
/// is read from, when <see cref="DockerRunner"/> runs it, into docker's standard input.
/// </summary>
public sealed class DockerCommand
{
    private DockerCommand(string verb, DockerSettings settings, ProcessArgumentBuilder arguments, string? passwordVariable = null)
    {
        Verb = verb;
        Settings = settings;
        Arguments = arguments;
        PasswordVariable = passwordVariable;
    }

    /// <summary>The subcommand: <c>build</c>, <c>buildx build</c>, <c>tag</c>, <c>push</c> or <c>login</c>.</summary>
    public string Verb { get; }

    /// <summary>The settings the command was built from (tool path, working directory, timeout).</summary>
    public DockerSettings Settings { get; }

    /// <summary>Every argument after <c>docker</c>; none is a secret.</summary>
    public ProcessArgumentBuilder Arguments { get; }

    /// <summary>For a login, the environment variable whose value docker reads on standard input; otherwise null.</summary>
    public string? PasswordVariable { get; }

    /// <summary>The command line as a person would type it, <c>docker …</c>, and where a login's password comes from.</summary>
    public string Render() => $"docker {Arguments.RenderSafe()}" + (PasswordVariable is null ? "" : $" (password on standard input from ${PasswordVariable})");

    /// <inheritdoc />
    public override string ToString() => Render();

    /// <summary><c>docker build [options] PATH</c>.</summary>
    public static DockerCommand Build(string path, DockerBuildSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        settings ??= new DockerBuildSettings();
        var arguments = Start(settings, "build");
        AddBuildOptions(arguments, settings);
        return new DockerCommand("build", settings, Add(arguments, path));
    }

    /// <summary><c>docker buildx build [options] PATH</c>.</summary>
    public static DockerCommand BuildxBuild(string path, DockerBuildxBuildSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        settings ??= new DockerBuildxBuildSettings();
        var arguments = Start(settings, "buildx", "build");
        Option(arguments, "--builder", settings.Builder);
        AddBuildOptions(arguments, settings);
        Option(arguments, "--metadata-file", settings.MetadataFile);
        Flag(arguments, "--push", settings.Push);
        Flag(arguments, "--load", settings.Load);
        return new DockerCommand("buildx build", settings, Add(arguments, path));
    }

    /// <summary><c>docker tag SOURCE TARGET</c>.</summary>
    public static DockerCommand Tag(string source, string target, DockerTagSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(target);
        settings ??= new DockerTagSettings();
        return new DockerCommand("tag", settings, Add(Add(Start(settings, "tag"), source), target));
    }

    /// <summary><c>docker push [options] REFERENCE</c>.</summary>
    public static DockerCommand Push(string reference, DockerPushSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        settings ??= new DockerPushSettings();
        var arguments = Start(settings, "push");
        Flag(arguments, "--all-tags", settings.AllTags);
        Flag(arguments, "--quiet", settings.Quiet);
        return new DockerCommand("push", settings, Add(arguments, reference));
    }

    /// <summary><c>docker login --username USER --password-stdin [SERVER]</c>; the password is read when it runs.</summary>
    /// <exception cref="ArgumentException">No username, or no password variable name.</exception>
    public static DockerCommand Login(DockerLoginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrEmpty(settings.Username))
        {
            throw new ArgumentException("docker login needs a username (DockerLoginSettings.Username).", nameof(settings));
        }

        ArgumentException.ThrowIfNullOrEmpty(settings.PasswordVariable, nameof(settings));
        var arguments = Start(settings, "login");
        Option(arguments, "--username", settings.Username);
        Flag(arguments, "--password-stdin", true);
        if (!string.IsNullOrEmpty(settings.Server))
        {
            Add(arguments, settings.Server);
        }

        return new DockerCommand("login", settings, arguments, settings.PasswordVariable);
    }

    private static ProcessArgumentBuilder Start(DockerSettings settings, params string[] verb)
    {
        var arguments = new ProcessArgumentBuilder();
        Option(arguments, "--config", settings.Config);
        foreach (var word in verb)
        {
            Add(arguments, word);
        }

        return arguments;
    }

    private static void AddBuildOptions(ProcessArgumentBuilder arguments, DockerBuildSettings settings)
    {
        Option(arguments, "--file", settings.File);
        foreach (var tag in settings.Tags)
        {
            Option(arguments, "--tag", tag);
        }

        foreach (var (name, value) in settings.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            Option(arguments, "--label", $"{name}={value}");
        }

        foreach (var (name, value) in settings.BuildArgs.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            Option(arguments, "--build-arg", $"{name}={value}");
        }

        Option(arguments, "--platform", settings.Platform);
        Option(arguments, "--target", settings.Target);
        Flag(arguments, "--pull", settings.Pull);
        Flag(arguments, "--no-cache", settings.NoCache);
        Option(arguments, "--iidfile", settings.IidFile);
    }

    private static ProcessArgumentBuilder Add(ProcessArgumentBuilder arguments, string value)
    {
        arguments.Append(new DockerArgument(value));
        return arguments;
    }

    private static void Option(ProcessArgumentBuilder arguments, string name, string? value)
    {
        if (value is not null)
        {
            Add(arguments, name);
            Add(arguments, value);
        }
    }

    private static void Flag(ProcessArgumentBuilder arguments, string name, bool on)
    {
        if (on)
        {
            Add(arguments, name);
        }
    }
}
