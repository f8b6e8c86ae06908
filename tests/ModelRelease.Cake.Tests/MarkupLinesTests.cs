using ModelRelease.Cake.Internal;
using Spectre.Console;

namespace ModelRelease.Cake.Tests;

/// <summary>Simple markup written straight to the writer: the very bytes Spectre writes, on real lines and on random ones.</summary>
public sealed class MarkupLinesTests
{
    private static (IAnsiConsole Console, StringWriter Output) Console(bool ansi, int width = 160, ColorSystemSupport? colours = null)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = ansi ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colours ?? (ansi ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors),
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        return (console, output);
    }

    private static void AssertSameAsSpectre(string markup, bool ansi, int width = 160, ColorSystemSupport? colours = null)
    {
        var (fast, fastOutput) = Console(ansi, width, colours);
        var (spectre, spectreOutput) = Console(ansi, width, colours);
        Exception? spectreError = null;
        try
        {
            spectre.MarkupLine(markup);
        }
        catch (InvalidOperationException exception)
        {
            spectreError = exception;
        }

        if (spectreError is null)
        {
            fast.WriteMarkupLine(markup);
            Assert.True(spectreOutput.ToString() == fastOutput.ToString(), $"'{markup}' (ansi {ansi}, width {width}): Spectre wrote '{spectreOutput}', this '{fastOutput}'");
        }
        else
        {
            // Markup Spectre refuses is left to Spectre, which refuses it the same way.
            Assert.Null(MarkupLines.Render(markup, ansi, width));
        }
    }

    public static TheoryData<string> Lines() =>
    [
        "[green]Done:[/] roll stable back from live-2 to live-1 (previous).",
        "  serving: wait skipped (no --serving-url): models.config was written with the label moved at once",
        "  labels of model-000: stable → live-1, canary → live-2 (10%)",
        "[yellow]note:[/] live-1 is unvalidated; rolling back to it anyway, as an emergency step is asked to.",
        "[bold]» Rollback[/]",
        "[[not a tag]] and [grey]grey[/][red]red[/][blue]blue[/] « … — – · × ≤ ≥ ✓ ✗ ←",
        "[green][/]empty span, trailing spaces   ",
        "",
    ];

    [Theory]
    [MemberData(nameof(Lines))]
    public void Should_Write_What_Spectre_Writes(string markup)
    {
        AssertSameAsSpectre(markup, ansi: false);
        AssertSameAsSpectre(markup, ansi: true);
        AssertSameAsSpectre(markup, ansi: true, width: 40); // wraps: left to Spectre
    }

    [Fact]
    public void Should_Write_What_Spectre_Writes_On_Random_Markup()
    {
        string[] pieces = ["a", " ", "  ", "[", "]", "[[", "]]", "[green]", "[bold]", "[yellow]", "[/]", "[red]", "[grey]", "[blue]", "[italic]", "[bold green]", "→", "é", "模", "\t", "xyz"];
        var random = new Random(20261203);
        var written = 0;
        for (var i = 0; i < 5_000; i++)
        {
            var markup = string.Concat(Enumerable.Range(0, random.Next(0, 10)).Select(_ => pieces[random.Next(pieces.Length)]));
            var ansi = random.Next(2) == 0;
            var width = random.Next(4, 30);
            written += MarkupLines.Render(markup, ansi, width) is null ? 0 : 1;
            AssertSameAsSpectre(markup, ansi, width);
        }

        Assert.True(written > 500, $"only {written} random lines took the direct path");
    }

    [Fact]
    public void Should_Leave_A_Console_With_Other_Colours_To_Spectre()
    {
        AssertSameAsSpectre("[green]Done:[/] x", ansi: true, colours: ColorSystemSupport.TrueColor);
        AssertSameAsSpectre("[green]Done:[/] x", ansi: true, colours: ColorSystemSupport.EightBit);
    }

    [Fact]
    public void Should_Escape_Interpolated_Values_As_Spectre_Does()
    {
        var (fast, fastOutput) = Console(ansi: true);
        var (spectre, spectreOutput) = Console(ansi: true);
        var value = "[red]not markup[/]";

        fast.WriteMarkupLineInterpolated($"[green]Done:[/] {value}, {42} at {1.5}");
        spectre.MarkupLineInterpolated($"[green]Done:[/] {value}, {42} at {1.5}");

        Assert.Equal(spectreOutput.ToString(), fastOutput.ToString());
        Assert.Contains("[red]not markup[/]", fastOutput.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Write_Simple_Lines_Without_Making_The_Hosts_Spectre_Console_Then_Use_It_Once_Made()
    {
        var output = new StringWriter();
        var host = HostConsole.Create(output, new StringWriter(), _ => null);
        var deferred = Assert.IsType<DeferredConsole>(host.Out);

        host.Out.WriteMarkupLine("[green]Done:[/] roll stable back.");
        Assert.False(deferred.IsCreated);

        host.Out.Write(new Text("through Spectre\n"));
        Assert.True(deferred.IsCreated);
        host.Out.WriteMarkupLine("  labels of [bold]m[/]: stable → v1");

        var (spectre, spectreOutput) = Console(ansi: false);
        spectre.MarkupLine("[green]Done:[/] roll stable back.");
        spectre.Write(new Text("through Spectre\n"));
        spectre.MarkupLine("  labels of [bold]m[/]: stable → v1");
        Assert.Equal(spectreOutput.ToString(), output.ToString());
    }
}
