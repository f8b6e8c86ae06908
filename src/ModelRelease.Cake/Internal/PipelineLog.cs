using System.Globalization;
using Cake.Core.Diagnostics;
using Spectre.Console;

namespace ModelRelease.Cake.Internal;

/// <summary>Cake's log over the host console: errors to standard error, the rest to standard output, filtered by verbosity.</summary>
internal sealed class PipelineLog(HostConsole console, Verbosity verbosity) : ICakeLog
{
    public Verbosity Verbosity { get; set; } = verbosity;

    /// <summary>
    /// What the engine logs when a task throws, before the host reports the same failure with its cause
    /// ("Task 'X' failed: …"). One failure is one error line, so this one is kept for <c>--verbosity=diagnostic</c>.
    /// </summary>
    internal const string EngineTaskError = "An error occurred when executing task '{0}'.";

    public void Write(Verbosity verbosity, LogLevel level, string format, params object[] args)
    {
        if (level is LogLevel.Error && string.Equals(format, EngineTaskError, StringComparison.Ordinal))
        {
            (verbosity, level) = (Verbosity.Diagnostic, LogLevel.Debug);
        }

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
