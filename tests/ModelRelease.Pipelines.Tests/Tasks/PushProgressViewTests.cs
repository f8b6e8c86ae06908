using ModelRelease.Pipelines.Output;
using Spectre.Console;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>A push's progress: nothing for a quick one, plain lines in a log for a long one, and the throughput in its summary.</summary>
public sealed class PushProgressViewTests
{
    [Fact]
    public void Should_Say_Size_Time_And_Throughput()
    {
        Assert.Equal("1.1 GB in 1.3 s (826 MB/s)", PushProgressView.Throughput(1L << 30, TimeSpan.FromSeconds(1.3)));
        Assert.Equal("0 B in 0.0 s (0 B/s)", PushProgressView.Throughput(0, TimeSpan.Zero));
    }

    [Fact]
    public void Should_Print_Nothing_For_A_Quick_Push()
    {
        var (console, output) = LogConsole();

        var result = PushProgressView.Run(console, progress =>
        {
            progress.Report(new PushProgress(10, 10, 1, 1));
            return 42;
        });

        Assert.Equal(42, result);
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public void Should_Print_Plain_Lines_For_A_Long_Push_When_The_Output_Is_Not_A_Terminal()
    {
        var (console, output) = LogConsole();

        PushProgressView.Run(console, progress =>
        {
            progress.Report(new PushProgress(500_000_000, 1_000_000_000, 4, 9));
            Thread.Sleep(TimeSpan.FromSeconds(2.5));
            return 0;
        });

        var text = output.ToString();
        Assert.Contains("Copying and hashing: 50%, 500 MB of 1 GB, 4/9 files", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Pass_On_The_Failure_Of_The_Push()
    {
        var (console, _) = LogConsole();

        var error = Assert.Throws<RegistryException>(() => PushProgressView.Run<int>(console, _ => throw new RegistryException("artifact changed")));

        Assert.Equal("artifact changed", error.Message);
    }

    /// <summary>A console as the host makes one for a log or a pipe: no escapes, not interactive.</summary>
    private static (IAnsiConsole Console, StringWriter Output) LogConsole()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        return (console, output);
    }
}
