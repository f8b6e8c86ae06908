using System.Globalization;
using Cake.Core;
using ModelRelease.Cake.Internal;
using Spectre.Console;

namespace ModelRelease.Cake;

/// <summary>
/// The base of every typed context. The host creates it once per run through a constructor taking
/// <see cref="ICakeContext"/>; subclasses parse their arguments there with the typed readers below, so
/// tasks never parse strings and a malformed value stops the run before any task starts.
/// </summary>
public class PipelineContext : CakeContextAdapter
{
    /// <summary>Wraps the engine's context.</summary>
    public PipelineContext(ICakeContext context)
        : base(context)
    {
        var run = context.ServiceProvider.GetService(typeof(RunOptions)) as RunOptions ?? RunOptions.Default;
        DryRun = run.DryRun;
        Targets = run.Targets;
        PlannedTasks = run.PlannedTasks;
        Console = context.ServiceProvider.GetService(typeof(IAnsiConsole)) as IAnsiConsole ?? AnsiConsole.Console;
        _standardOutput = context.ServiceProvider.GetService(typeof(StandardOutput)) as StandardOutput ?? new StandardOutput();
    }

    private readonly StandardOutput _standardOutput;

    /// <summary>
    /// Keeps standard output for the data a task prints (JSON a user pipes into <c>jq</c>): the host writes its
    /// step headings to standard error instead and leaves out its closing table. Errors go to standard error anyway.
    /// </summary>
    protected void ClaimStandardOutputForData() => _standardOutput.ClaimForData();

    /// <summary>True in a <c>--dryrun</c> rehearsal: nothing may be changed.</summary>
    public bool DryRun { get; }

    /// <summary>The targets given on the command line, in order.</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>
    /// Every task this run will run, in order: the targets with their dependencies (or the targets alone with
    /// <c>--exclusive</c>). A task can ask whether a later one will consume what it makes.
    /// </summary>
    public IReadOnlyList<string> PlannedTasks { get; }

    /// <summary>True when the task named <paramref name="task"/> is part of this run.</summary>
    public bool WillRun(string task) => PlannedTasks.Contains(task, StringComparer.OrdinalIgnoreCase);

    /// <summary>The console for tables and rich output; honours <c>NO_COLOR</c> and redirection.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>The last value given for <c>--name</c>, or null when absent.</summary>
    protected string? ReadText(string name)
    {
        if (!Arguments.HasArgument(name))
        {
            return null;
        }

        var value = Arguments.GetArguments(name).LastOrDefault();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="PipelineUsageException">The value is not a whole number in range.</exception>
    protected int ReadInt32(string name, int fallback, int min, int max)
    {
        var text = ReadText(name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new PipelineUsageException(
                $"--{name}={text} is not valid: give a whole number from {min} to {max}, e.g. --{name}={Math.Clamp(fallback, min, max)}.");
        }

        return value;
    }

    /// <summary>True when the switch <c>--name</c> is present (or <c>--name=true</c>), false for <c>--name=false</c> or absence.</summary>
    /// <exception cref="PipelineUsageException">The value is neither true nor false.</exception>
    protected bool ReadFlag(string name)
    {
        if (!Arguments.HasArgument(name))
        {
            return false;
        }

        var text = Arguments.GetArguments(name).LastOrDefault();
        if (string.IsNullOrEmpty(text) || bool.TryParse(text, out var on) && on)
        {
            return true;
        }

        if (bool.TryParse(text, out _))
        {
            return false;
        }

        throw new PipelineUsageException($"--{name}={text} is not valid: --{name} is a switch; give --{name} or --{name}=false.");
    }

    /// <summary>One of <paramref name="choices"/> (case-insensitive), or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="PipelineUsageException">The value is not one of the choices.</exception>
    protected string ReadChoice(string name, string fallback, params string[] choices)
    {
        var text = ReadText(name);
        if (text is null)
        {
            return fallback;
        }

        var match = choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new PipelineUsageException(
            $"--{name}={text} is not valid: choose one of {string.Join(", ", choices)}.");
    }

    /// <summary>A path resolved against the working directory, or null when absent.</summary>
    protected string? ReadPath(string name)
    {
        var text = ReadText(name);
        return text is null ? null : Path.GetFullPath(text, Environment.WorkingDirectory.FullPath);
    }
}
