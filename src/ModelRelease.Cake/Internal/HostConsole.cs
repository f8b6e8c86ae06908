using Spectre.Console;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// Where the host writes: rich output (tables, trees) to standard output, errors to standard error. Colour only
/// when standard output is a terminal or a CI log that renders it, and never when <c>NO_COLOR</c> is set.
/// </summary>
internal sealed class HostConsole
{
    private readonly bool _errorColor;
    private readonly WorkflowCommandGuard? _guardedOut;
    private readonly WorkflowCommandGuard? _guardedError;

    private readonly DeferredConsole _out;

    private HostConsole(TextWriter writer, bool color, int? width, Func<IAnsiConsole> createOut, TextWriter error, bool errorColor)
    {
        Writer = writer;
        Color = color;
        _width = width;
        _out = new DeferredConsole(createOut, writer, color, () => Width);
        Error = error;
        _errorColor = errorColor;
        _guardedOut = writer as WorkflowCommandGuard;
        _guardedError = error as WorkflowCommandGuard;
    }

    /// <summary>
    /// The rich console on standard output. Spectre's console behind it is made on first use: its start-up
    /// (capabilities, encoding, defaults) is a measurable part of a command that never needs it, such as <c>--tree</c>
    /// or a label move, whose lines <see cref="MarkupLines"/> writes itself.
    /// </summary>
    public IAnsiConsole Out => _out;

    /// <summary>Standard output as plain text (behind the workflow command guard in a GitHub Actions job).</summary>
    public TextWriter Writer { get; }

    /// <summary>True when standard output renders colour escapes.</summary>
    public bool Color { get; }

    private readonly int? _width;

    /// <summary>The columns a line may take: the terminal's, or 160 where there is none (a log, a pipe, a test).</summary>
    public int Width => _width ?? TerminalWidth();

    /// <summary>Standard output's command guard in a GitHub Actions job (the host's own commands pass it), else null.</summary>
    public WorkflowCommandGuard? WorkflowOutput => _guardedOut;

    /// <summary>Standard error's command guard in a GitHub Actions job, else null.</summary>
    public WorkflowCommandGuard? WorkflowError => _guardedError;

    public TextWriter Error { get; }


    /// <summary>The host's console; <paramref name="variable"/> reads the environment as the host sees it (its overrides first).</summary>
    public static HostConsole Create(TextWriter? output, TextWriter? error, Func<string, string?> variable)
    {
        var writer = output ?? System.Console.Out;
        var color = UseColor(writer, System.Console.Out, System.Console.IsOutputRedirected);
        var errorWriter = error ?? System.Console.Error;
        var errorColor = UseColor(errorWriter, System.Console.Error, System.Console.IsErrorRedirected);
        if (WorkflowCommandGuard.IsActive(variable))
        {
            // In a GitHub Actions job every line reaches the runner, which acts on the workflow commands it finds.
            writer = new WorkflowCommandGuard(writer);
            errorWriter = new WorkflowCommandGuard(errorWriter);
        }

        // A redirected stream has no width; Spectre would wrap tables at 80 columns in CI logs.
        var fixedSize = output is not null || System.Console.IsOutputRedirected;
        var interactive = output is null && color && !System.Console.IsOutputRedirected;
        return new HostConsole(writer, color, fixedSize ? RedirectedWidth : null, () => CreateOut(writer, color, interactive, fixedSize), errorWriter, errorColor);
    }

    private const int RedirectedWidth = 160;

    private static IAnsiConsole CreateOut(TextWriter writer, bool color, bool interactive, bool fixedSize)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            // Interactive only at a terminal that renders escapes: a push's progress bar redraws itself there; a
            // log or a pipe gets plain lines instead. Nothing in the host prompts.
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });

        // Nor a height: giving one keeps Spectre from asking the terminal, which loads and parses the terminfo
        // database on every start.
        if (fixedSize)
        {
            console.Profile.Width = RedirectedWidth;
            console.Profile.Height = 24;
        }

        return console;
    }

    // What Spectre asks too; a terminal that cannot say gets its default, 80.
    private static int TerminalWidth()
    {
        try
        {
            var width = System.Console.WindowWidth;
            return width > 0 ? width : 80;
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or PlatformNotSupportedException)
        {
            return 80;
        }
    }

    /// <summary>Writes out any line the GitHub Actions guard still holds (one the run ended without a newline).</summary>
    public void Complete()
    {
        (_guardedOut as IDisposable)?.Dispose();
        (_guardedError as IDisposable)?.Dispose();
    }

    /// <summary>The GitHub Actions job the run is in: each error and warning printed also becomes an annotation there.</summary>
    public GitHubActionsJob Job { get; set; } = GitHubActionsJob.None;

    /// <param name="message">The error, as printed after "error:".</param>
    /// <param name="title">The annotation's heading in a GitHub Actions job (e.g. "Task 'Push' failed").</param>
    public void WriteError(string message, string? title = null)
    {
        Job.Error(title ?? "ModelRelease", message);
        // A message can quote user text (a name, a path); its control characters must not reach the terminal or the CI log raw.
        var text = DisplayText.Escape(message);
        Error.WriteLine(_errorColor ? $"\u001b[31merror:\u001b[0m {text}" : $"error: {text}");
        Error.Flush();
    }

    public void WriteWarning(string message)
    {
        Job.Warning(message);
        Out.MarkupLine($"[yellow]warning:[/] {Markup.Escape(DisplayText.Escape(message))}");
    }

    /// <summary>Each stream on its own: <c>./build.sh 2&gt;err.log</c> at a terminal keeps escapes out of the log.</summary>
    private static bool UseColor(TextWriter writer, TextWriter processStream, bool redirected)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) || !ReferenceEquals(writer, processStream))
        {
            return false;
        }

        return !redirected
            || string.Equals(Environment.GetEnvironmentVariable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);
    }
}
