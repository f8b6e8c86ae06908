using Spectre.Console;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// Where the host writes: rich output (tables, trees) to standard output, errors to standard error. Colour only
/// when standard output is a terminal or a CI log that renders it, and never when <c>NO_COLOR</c> is set.
/// </summary>
internal sealed class HostConsole
{
    private HostConsole(IAnsiConsole output, TextWriter error, bool color)
    {
        Out = output;
        Error = error;
        Color = color;
    }

    public IAnsiConsole Out { get; }

    public TextWriter Error { get; }

    public bool Color { get; }

    public static HostConsole Create(TextWriter? output, TextWriter? error)
    {
        var writer = output ?? System.Console.Out;
        var color = UseColor(writer);
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

        return new HostConsole(console, error ?? System.Console.Error, color);
    }

    public void WriteError(string message)
    {
        Error.WriteLine(Color ? $"\u001b[31merror:\u001b[0m {message}" : $"error: {message}");
        Error.Flush();
    }

    public void WriteWarning(string message) =>
        Out.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");

    private static bool UseColor(TextWriter writer)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")))
        {
            return false;
        }

        if (!ReferenceEquals(writer, System.Console.Out))
        {
            return false;
        }

        return !System.Console.IsOutputRedirected
            || string.Equals(Environment.GetEnvironmentVariable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);
    }
}
