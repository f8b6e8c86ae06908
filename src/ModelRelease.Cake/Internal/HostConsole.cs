using Spectre.Console;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// Where the host writes: rich output (tables, trees) to standard output, errors to standard error. Colour only
/// when standard output is a terminal or a CI log that renders it, and never when <c>NO_COLOR</c> is set.
/// </summary>
internal sealed class HostConsole
{
    private readonly bool _errorColor;

    private HostConsole(IAnsiConsole output, TextWriter error, bool errorColor)
    {
        Out = output;
        Error = error;
        _errorColor = errorColor;
    }

    public IAnsiConsole Out { get; }

    public TextWriter Error { get; }


    public static HostConsole Create(TextWriter? output, TextWriter? error)
    {
        var writer = output ?? System.Console.Out;
        var color = UseColor(writer, System.Console.Out, System.Console.IsOutputRedirected);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });

        // A redirected stream has no width; Spectre would wrap tables at 80 columns in CI logs.
        if (output is not null || System.Console.IsOutputRedirected)
        {
            console.Profile.Width = 160;
        }

        var errorWriter = error ?? System.Console.Error;
        return new HostConsole(console, errorWriter, UseColor(errorWriter, System.Console.Error, System.Console.IsErrorRedirected));
    }

    public void WriteError(string message)
    {
        Error.WriteLine(_errorColor ? $"\u001b[31merror:\u001b[0m {message}" : $"error: {message}");
        Error.Flush();
    }

    public void WriteWarning(string message) =>
        Out.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");

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
