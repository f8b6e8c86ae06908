using System.Globalization;
using Cake.Core.Diagnostics;
using Spectre.Console;

namespace ModelRelease.Cake.Internal;

/// <summary>Cake's log over the host console: errors to standard error, the rest to standard output, filtered by verbosity.</summary>
internal sealed class PipelineLog(HostConsole console, Verbosity verbosity) : ICakeLog
{
    public Verbosity Verbosity { get; set; } = verbosity;

    public void Write(Verbosity verbosity, LogLevel level, string format, params object[] args)
    {
        if (verbosity > Verbosity)
        {
            return;
        }

        var text = args is { Length: > 0 } ? string.Format(CultureInfo.InvariantCulture, format, args) : format;
        switch (level)
        {
            case LogLevel.Fatal or LogLevel.Error:
                console.WriteError(text);
                break;
            case LogLevel.Warning:
                console.WriteWarning(text);
                break;
            case LogLevel.Verbose or LogLevel.Debug:
                console.Out.MarkupLine($"[grey]{Markup.Escape(text)}[/]");
                break;
            default:
                console.Out.WriteLine(text);
                break;
        }
    }
}
