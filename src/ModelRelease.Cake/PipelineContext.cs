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
        GitHubActions = context.ServiceProvider.GetService(typeof(GitHubActionsJob)) as GitHubActionsJob ?? GitHubActionsJob.None;

        // Every argument the run's tasks declare is parsed now, before the engine starts: a bad --threshold that only
        // the last task reads must stop the run (exit 2) before the first task changes anything.
        foreach (var argument in run.Arguments.Where(IsGiven))
        {
            argument.ReadInto(this);
        }
    }

    private readonly StandardOutput _standardOutput;
    private readonly Dictionary<Argument, object?> _values = [];

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

    /// <summary>
    /// The GitHub Actions job the run is in (job summary, step outputs, annotations, masks); outside Actions its
    /// methods do nothing, so a task calls them without asking where it runs.
    /// </summary>
    public GitHubActionsJob GitHubActions { get; }

    /// <summary>What the tasks of this run made so far, typed, for the tasks and lifetimes after them.</summary>
    public TaskResults Results { get; } = new();

    /// <summary>The console for tables and rich output; honours <c>NO_COLOR</c> and redirection.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>
    /// The value of <paramref name="argument"/>: parsed once per run (the host reads every argument the selected
    /// tasks declare before the first task starts), or its default when absent. A task reads the arguments it
    /// declares with it, a context the shared ones.
    /// </summary>
    /// <exception cref="PipelineUsageException">The value is empty, given twice differently, not valid, out of range, or fails the argument's check.</exception>
    public T Get<T>(Argument<T> argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        lock (_values)
        {
            if (_values.TryGetValue(argument, out var known))
            {
                return (T)known!;
            }
        }

        var value = argument.ReadFrom(Arguments, Environment.WorkingDirectory.FullPath);
        lock (_values)
        {
            _values[argument] = value;
        }

        return value;
    }

    /// <summary>True when <paramref name="argument"/> was given on the command line (a default may equal a given value).</summary>
    public bool IsGiven(Argument argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        return Arguments.HasArgument(argument.Name);
    }

    /// <summary>The value given for <c>--name</c>, or null when absent. Prefer a declared <see cref="Argument{T}"/> and <see cref="Get{T}"/>.</summary>
    /// <exception cref="PipelineUsageException">The value is empty, or <c>--name</c> was given with different values.</exception>
    protected string? ReadText(string name) => Get(Argument.Text(name, name));

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/> when absent. Prefer <see cref="Argument.Int32(string, string, int)"/>.</summary>
    /// <exception cref="PipelineUsageException">The value is not a whole number in range.</exception>
    protected int ReadInt32(string name, int fallback, int min, int max) => Get(Argument.Int32(name, name, fallback).Between(min, max));

    /// <summary>True when the switch <c>--name</c> is present (or <c>--name=true</c>), false for <c>--name=false</c> or absence. Prefer <see cref="Argument.Flag"/>.</summary>
    /// <exception cref="PipelineUsageException">The value is neither true nor false.</exception>
    protected bool ReadFlag(string name) => Get(Argument.Flag(name, name));

    /// <summary>One of <paramref name="choices"/> (case-insensitive), or <paramref name="fallback"/> when absent. Prefer <see cref="Argument.Choice(string, string, IReadOnlyList{string}, string)"/>.</summary>
    /// <exception cref="PipelineUsageException">The value is not one of the choices.</exception>
    protected string ReadChoice(string name, string fallback, params string[] choices) => Get(Argument.Choice(name, name, choices, fallback));

    /// <summary>A path resolved against the working directory, or null when absent; checked as <see cref="ReadLocation"/> is. Prefer <see cref="Argument.Path"/>.</summary>
    /// <exception cref="PipelineUsageException">The value is empty, holds a control character or starts with an unexpanded '~'.</exception>
    protected string? ReadPath(string name) => Get(Argument.Path(name, name));

    /// <summary>
    /// A path as given, not resolved (a store may also be a connection string), or null when absent. A control
    /// character or a leading '~' the shell did not expand is refused: either would name a directory nobody meant.
    /// Prefer <see cref="Argument.Location"/>.
    /// </summary>
    /// <exception cref="PipelineUsageException">The value is empty, holds a control character or starts with an unexpanded '~'.</exception>
    protected string? ReadLocation(string name) => Get(Argument.Location(name, name));

    /// <summary>
    /// A path from the environment variable <paramref name="variable"/> as set, not resolved, or null when it is not
    /// set. It is checked as an argument is: a blank value, a control character or a leading '~' is a usage error
    /// naming the variable, where it would otherwise create a directory nobody meant.
    /// </summary>
    /// <param name="variable">The variable, e.g. <c>MODELRELEASE_ROOT</c>.</param>
    /// <param name="example">A right value for the message, e.g. <c>/srv/models</c>.</param>
    /// <exception cref="PipelineUsageException">The variable is set but blank, or its value is not a usable path.</exception>
    protected string? ReadEnvironmentLocation(string variable, string example)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (value is null)
        {
            return null;
        }

        if (ArgumentValues.IsEmpty(value))
        {
            throw new PipelineUsageException(
                $"{variable} is set but blank. Unset it to use the default (unset {variable}), or set it to a path, e.g. {variable}={example}.");
        }

        return ArgumentValues.PathProblem(variable, $"{variable}=", value) is { } problem ? throw new PipelineUsageException(problem) : value;
    }
}
