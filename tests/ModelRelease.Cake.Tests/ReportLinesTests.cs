using System.Text;
using ModelRelease.Cake.Internal;
using Spectre.Console;
using TaskStatus = ModelRelease.Cake.Internal.TaskStatus;

namespace ModelRelease.Cake.Tests;

/// <summary>The closing report as plain lines: the very bytes Spectre writes for the same table, or nothing at all.</summary>
public sealed class ReportLinesTests
{
    private static readonly TaskOutcome[] Released =
    [
        new("Validate", TaskStatus.Executed, TimeSpan.FromMilliseconds(1234)),
        new("Push", TaskStatus.Failed, TimeSpan.FromSeconds(61.5)),
        new("Canary", TaskStatus.Skipped, TimeSpan.Zero, "--skip-canary was given"),
        new("Promote", TaskStatus.Planned, TimeSpan.FromHours(26)),
    ];

    public static TheoryData<int, bool> Cases() => new()
    {
        { 0, false }, { 0, true }, { 1, false }, { 1, true }, { 4, false }, { 4, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Should_Write_What_Spectre_Writes(int outcomes, bool color)
    {
        var rows = ReportPrinter.Rows(outcomes == 1 ? [new TaskOutcome("Rollback", TaskStatus.Executed, TimeSpan.FromMilliseconds(297))] : Released.Take(outcomes).ToList());

        var plain = new StringWriter { NewLine = "\n" };
        Assert.True(ReportLines.TryWrite(plain, color, 160, rows));

        Assert.Equal(Spectre(rows, color, 160), plain.ToString());
    }

    [Fact]
    public void Should_Pad_The_Status_Outside_Its_Colour()
    {
        var output = new StringWriter { NewLine = "\n" };

        ReportLines.TryWrite(output, color: true, 160, [new ReportLines.Row("Push", "00:00:01.000", "Executed", "green")]);

        Assert.Contains("  Push   00:00:01.000   \u001b[32mExecuted\u001b[0m  \n", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Skipped (branch → main)")] // not ASCII: Spectre measures it
    [InlineData("Skipped (模型)")] // two columns a character
    public void Should_Leave_A_Cell_It_Cannot_Measure_To_Spectre(string status)
    {
        var output = new StringWriter();

        Assert.False(ReportLines.TryWrite(output, color: false, 160, [new ReportLines.Row("Canary", "00:00:00.000", status, "grey")]));
        Assert.Empty(output.ToString());
    }

    [Fact]
    public void Should_Leave_A_Table_Wider_Than_The_Line_To_Spectre()
    {
        var rows = ReportPrinter.Rows([new TaskOutcome("Canary", TaskStatus.Skipped, TimeSpan.Zero, new string('x', 60))]);
        var output = new StringWriter();

        Assert.True(ReportLines.TryWrite(output, color: false, 120, rows));
        Assert.False(ReportLines.TryWrite(new StringWriter(), color: false, 80, rows));
    }

    [Fact]
    public void Should_Leave_A_Writer_Without_Unicode_To_Spectre()
    {
        var ascii = new AsciiWriter();

        Assert.False(ReportLines.TryWrite(ascii, color: false, 160, ReportPrinter.Rows([new TaskOutcome("Push", TaskStatus.Executed, TimeSpan.Zero)])));
        Assert.Empty(ascii.ToString());
    }

    /// <summary>The table through Spectre, on a console made the way the host makes one for a log or a terminal.</summary>
    private static string Spectre(IReadOnlyList<ReportLines.Row> rows, bool color, int width)
    {
        var output = new StringWriter { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        ReportPrinter.PrintWithSpectre(console, rows);
        return output.ToString();
    }

    private sealed class AsciiWriter : StringWriter
    {
        public override Encoding Encoding => Encoding.ASCII;
    }
}
