using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using ModelRelease.Cake.Internal;

namespace ModelRelease.Cake;

/// <summary>
/// The entry point of a build host: discovers the tasks, parses the command line and runs the targets on Cake's
/// engine. <c>return new PipelineHost().UseContext&lt;ReleaseContext&gt;().AddAssembly(...).Run(args);</c>
/// </summary>
public sealed class PipelineHost
{
    private readonly HostConfiguration _configuration = new();
    private TextWriter? _output;
    private TextWriter? _error;

    /// <summary>Uses <typeparamref name="TContext"/> as the typed context; it needs a constructor taking <c>ICakeContext</c>.</summary>
    public PipelineHost UseContext<TContext>()
        where TContext : PipelineContext
    {
        _configuration.ContextType = typeof(TContext);
        return this;
    }

    /// <summary>Adds every concrete task type in <paramref name="assembly"/>. Without any, the entry assembly is scanned.</summary>
    public PipelineHost AddAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        _configuration.Assemblies.Add(assembly);
        return this;
    }

    /// <summary>Adds one task type.</summary>
    public PipelineHost AddTask<TTask>()
        where TTask : IPipelineTask
    {
        _configuration.TaskTypes.Add(typeof(TTask));
        return this;
    }

    /// <summary>Adds task types one by one (for hosts and tests that pick their tasks).</summary>
    public PipelineHost AddTasks(params Type[] taskTypes)
    {
        _configuration.TaskTypes.AddRange(taskTypes);
        return this;
    }

    /// <summary>
    /// Runs <typeparamref name="TReplacement"/> in place of the discovered task <typeparamref name="TStock"/>. The
    /// replacement takes the stock task's name (so <c>--target=Canary</c> runs it) and its place in the graph: it
    /// depends on what the stock task depended on (and on what it declares itself), and every task that depends on
    /// <typeparamref name="TStock"/> depends on it instead. It keeps its own hooks, arguments and
    /// <see cref="ContinueOnErrorAttribute"/>, and the stock description unless it has its own. Typically
    /// <c>class MyCanary : CanaryTask</c> overriding what differs, but any task type may take the place. It need not be
    /// added separately. The stock task must be among the host's tasks, and is replaced once.
    /// </summary>
    /// <typeparam name="TStock">The task to replace, e.g. <c>CanaryTask</c>.</typeparam>
    /// <typeparam name="TReplacement">The concrete task type that takes its place.</typeparam>
    public PipelineHost Replace<TStock, TReplacement>()
        where TStock : IPipelineTask
        where TReplacement : IPipelineTask
    {
        _configuration.Edits.Replace(typeof(TStock), typeof(TReplacement));
        return this;
    }

    /// <summary>
    /// Removes the discovered task <typeparamref name="TTask"/> (e.g. a stock <c>DemoTask</c> a team does not ship):
    /// it is no target, in no help and in no graph. If another task depends on it the host refuses to start, naming
    /// both: remove the dependent task too, or use <see cref="Replace{TStock, TReplacement}"/> to put your own task
    /// in its place. Removing a task the host was not given is refused as well (a typo, or a task since renamed).
    /// </summary>
    public PipelineHost Without<TTask>()
        where TTask : IPipelineTask
    {
        _configuration.Edits.Remove(typeof(TTask));
        return this;
    }

    /// <summary>
    /// Runs <typeparamref name="TLifetime"/>'s setup before the first task and its teardown after the last. Several
    /// lifetimes all run: setups in the order they were added, teardowns in reverse. Adding the same type again
    /// changes nothing (it runs once), so a helper that adds a lifetime can be called by hosts that add it too.
    /// </summary>
    public PipelineHost UseLifetime<TLifetime>()
        where TLifetime : IPipelineLifetime
    {
        AddOnce(_configuration.LifetimeTypes, typeof(TLifetime));
        return this;
    }

    /// <summary>
    /// Runs <typeparamref name="TLifetime"/>'s setup and teardown around each task. Several task lifetimes all run:
    /// setups in the order they were added, teardowns in reverse; adding the same type again changes nothing.
    /// </summary>
    public PipelineHost UseTaskLifetime<TLifetime>()
        where TLifetime : IPipelineTaskLifetime
    {
        AddOnce(_configuration.TaskLifetimeTypes, typeof(TLifetime));
        return this;
    }

    /// <summary>
    /// Installs a .NET tool before the first task (and before setup), as Frosting's <c>InstallTool</c> does, and
    /// registers its commands with Cake's tool locator, so <c>context.Tools.Resolve("dotnet-cake")</c> and Cake's
    /// aliases find them. The address is <c>dotnet:?package=NAME&amp;version=X</c> with an exact version; the tool
    /// goes to <c>.build/tools/NAME/X</c> under the working directory with <c>dotnet tool install --tool-path</c>
    /// (using the repository's nuget.config), once: a later run finds it there. A dry run installs nothing; it prints
    /// what it would install, and uses a tool already installed. A failed install stops the run (exit 1) naming the
    /// package; a malformed address is a definition error.
    /// </summary>
    /// <param name="uri">E.g. <c>dotnet:?package=GitVersion.Tool&amp;version=6.4.0</c>.</param>
    public PipelineHost InstallTool(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        _configuration.ToolAddresses.Add(uri);
        return this;
    }

    /// <summary>
    /// Adds services to the run's container (Microsoft.Extensions.DependencyInjection). Tasks, lifetimes and the
    /// context are created from it, so their constructors can take any service registered here (a task still needs
    /// nothing else: it reads the run's values from its context); the context's <c>ServiceProvider</c> resolves them
    /// too. The run's context itself resolves as <c>ICakeContext</c> and as its own type. A constructor that takes
    /// something no service provides stops the run at start-up, before any task. May be called several times; the
    /// calls run in order, once per run, and the container and its services are disposed when the run ends.
    /// </summary>
    /// <example><c>host.ConfigureServices(services => services.AddSingleton&lt;ISlackClient, SlackClient&gt;())</c></example>
    public PipelineHost ConfigureServices(Action<IServiceCollection> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configuration.ServiceConfigurations.Add(configure);
        return this;
    }

    /// <summary>Writes to these writers instead of the process's standard output and error (no colour).</summary>
    public PipelineHost UseConsole(TextWriter output, TextWriter error)
    {
        _output = output;
        _error = error;
        return this;
    }

    /// <summary>Resolves relative paths against <paramref name="path"/> instead of the process's working directory (which stays as it is).</summary>
    public PipelineHost UseWorkingDirectory(string path)
    {
        _configuration.WorkingDirectory = path;
        return this;
    }

    /// <summary>Makes the context see <paramref name="name"/> as <paramref name="value"/>, without changing the process environment.</summary>
    public PipelineHost UseEnvironmentVariable(string name, string value)
    {
        _configuration.EnvironmentOverrides[name] = value;
        return this;
    }

    /// <summary>The command shown in help (default <c>./build.sh</c>).</summary>
    public PipelineHost UseCommandName(string command)
    {
        _configuration.CommandName = command;
        return this;
    }

    /// <summary>
    /// The options the host reads itself, whatever the task: <c>target</c>, <c>verbosity</c>, <c>dryrun</c> and its
    /// aliases, <c>exclusive</c>, <c>tree</c>, <c>description</c>, <c>help</c>, <c>version</c>, and the short forms.
    /// </summary>
    public static IReadOnlyList<string> OptionNames { get; } = [.. HostOptions.Names, "version", "t", "v", "e", "h"];

    /// <summary>
    /// Every task this host runs, with its dependencies and the arguments it reads (the context's included), as
    /// discovered from the assemblies and tasks it was given: what a check of a CI workflow's command lines compares
    /// them with. A definition error is thrown as it would stop a run.
    /// </summary>
    public IReadOnlyList<PipelineTaskInfo> DescribeTasks()
    {
        var catalog = _configuration.BuildCatalog();
        var context = _configuration.ContextArguments;
        return catalog.Tasks
            .Select(task => new PipelineTaskInfo(task.Name, task.Description, [.. catalog.Dependencies[task.Name]], [.. task.Arguments, .. context]))
            .ToList();
    }

    /// <summary>Runs the command line and returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    public int Run(IEnumerable<string> args) => RunAsync(args).GetAwaiter().GetResult();

    /// <summary>Runs the command line and returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    public async Task<int> RunAsync(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var argList = args as IReadOnlyList<string> ?? args.ToList();
        JitProfile.Start(argList);
        var console = HostConsole.Create(_output, _error, name => _configuration.EnvironmentOverrides.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name));
        // In a GitHub Actions job the secrets it can see are masked before the first line is printed.
        console.Job = GitHubActionsJobs.Create(console, _configuration.EnvironmentOverrides, _configuration.WorkingDirectory, argList);
        try
        {
            if (_configuration.Assemblies.Count == 0 && _configuration.TaskTypes.Count == 0 && Assembly.GetEntryAssembly() is { } entry)
            {
                _configuration.Assemblies.Add(entry);
            }

            var catalog = _configuration.BuildCatalog();
            var tools = _configuration.ToolPackages();
            var contextArguments = _configuration.ContextArguments;
            var flags = catalog.Tasks.SelectMany(t => t.Arguments).Concat(contextArguments)
                .Where(a => a.IsFlag).Select(a => a.Name.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
            var commandLine = CommandLineParser.Parse(argList, flags);

            if (commandLine.Help)
            {
                return HelpRunner.Help(console, _configuration.CommandName, catalog, contextArguments);
            }

            if (commandLine.ShowVersion && (commandLine.Targets.Count > 0 || commandLine.TaskArguments.Count > 0))
            {
                // "--version $V" with an empty $V must not turn a release into a silent, green no-op.
                throw new PipelineUsageException(
                    "--version needs a value here: write --version=NAME for the version to act on. Bare --version, alone, prints the tool's version.");
            }

            if (commandLine.ShowVersion)
            {
                return HelpRunner.Version(console);
            }

            if (commandLine.Description)
            {
                return DescriptionRunner.Run(console, catalog, contextArguments);
            }

            var targets = ResolveTargets(commandLine, catalog);
            if (commandLine.Tree)
            {
                return TreeRunner.Run(console, catalog, targets, commandLine.Exclusive);
            }

            if (targets.Count == 0)
            {
                throw new PipelineUsageException($"No target given: write --target=TASK. Available: {string.Join(", ", catalog.Names)}.");
            }

            var sequence = TargetSequence.For(catalog, targets, commandLine.Exclusive);
            var selected = sequence.Planned.Select(catalog.Get).ToList();
            ArgumentValidator.Validate(commandLine, catalog, targets, selected, contextArguments);
            return await EngineRunner.RunAsync(_configuration, catalog, tools, commandLine, sequence, console).ConfigureAwait(false);
        }
        catch (PipelineDefinitionException exception)
        {
            console.WriteError("The pipeline definition is invalid: " + exception.Message, "Invalid pipeline definition");
            return ExitCodes.TaskFailed;
        }
        catch (Exception exception) when (ExceptionClassifier.Unwrap(exception) is PipelineUsageException usage)
        {
            console.WriteError(usage.Message, "Usage error");
            return ExitCodes.UsageError;
        }
        catch (Exception exception)
        {
            // Context construction and task creation run before the engine; report them like a task failure.
            var cause = ExceptionClassifier.Unwrap(exception);
            console.WriteError(cause.Message);
            return ExceptionClassifier.ExitCodeFor(cause);
        }
        finally
        {
            console.Complete();
        }
    }

    /// <summary>Given targets, checked and spelled as declared; with none, "Default" when such a task exists.</summary>
    private static List<string> ResolveTargets(Internal.CommandLine commandLine, TaskCatalog catalog)
    {
        var targets = new List<string>();
        foreach (var target in commandLine.Targets)
        {
            var task = catalog.Find(target);
            if (task is null)
            {
                var closest = ClosestMatch.Find(target, catalog.Names);
                var hint = closest is null ? string.Empty : $" Did you mean '{closest}'?";
                throw new PipelineUsageException($"Target '{target}' not found.{hint} Available: {string.Join(", ", catalog.Names)}.");
            }

            if (!targets.Contains(task.Name, StringComparer.OrdinalIgnoreCase))
            {
                targets.Add(task.Name);
            }
        }

        if (targets.Count == 0 && !commandLine.Tree && catalog.Find("Default") is { } fallback)
        {
            targets.Add(fallback.Name);
        }

        return targets;
    }

    private static void AddOnce(List<Type> types, Type type)
    {
        if (!types.Contains(type))
        {
            types.Add(type);
        }
    }
}
