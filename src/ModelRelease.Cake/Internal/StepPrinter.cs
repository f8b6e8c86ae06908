using Cake.Core;
using Cake.Core.Diagnostics;
using Spectre.Console;

namespace ModelRelease.Cake.Internal;

/// <summary>Prints a heading as each task starts; the closing report is printed by <see cref="ReportPrinter"/>, not here.</summary>
internal sealed class StepPrinter(HostConsole console, ICakeLog log, StandardOutput standardOutput, SkipReasons reasons) : ICakeReportPrinter
{
    public void Write(CakeReport report)
    {
        // The host prints its own report from what it recorded, so failures and dry runs are reported too.
    }

    public void WriteStep(string name, Verbosity verbosity)
    {
        if (log.Verbosity >= Verbosity.Normal)
        {
            if (standardOutput.IsClaimedForData)
            {
                console.Error.WriteLine($"» {name}");
            }
            else
            {
                console.Out.WriteMarkupLine($"[bold]» {Markup.Escape(name)}[/]");
            }
        }
    }

    public void WriteLifeCycleStep(string name, Verbosity verbosity)
    {
        if (log.Verbosity >= Verbosity.Verbose)
        {
            console.Out.MarkupLine($"[grey]» {Markup.Escape(name)}[/]");
        }
    }

    public void WriteSkippedStep(string name, Verbosity verbosity)
    {
        if (log.Verbosity >= Verbosity.Normal)
        {
            // The reason can quote user input (a flag, a branch name): escaped like any text from outside.
            var reason = reasons.For(name) is { } text ? ": " + DisplayText.Escape(text) : string.Empty;
            console.Out.MarkupLine($"[grey]» Skipping {Markup.Escape(name)}{Markup.Escape(reason)}[/]");
        }
    }
}
