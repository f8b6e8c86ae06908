using System.Globalization;
using ModelRelease.Cake.Internal;

namespace ModelRelease.Cake.Tests;

public sealed class WorkflowCommandGuardTests
{
    [Theory]
    [InlineData("::error title=x::boom\n", "\\::error title=x::boom\n")]
    [InlineData("   ::add-mask::secret\n", "   \\::add-mask::secret\n")]
    [InlineData("\t\u00a0::stop-commands::t\n", "\t\u00a0\\::stop-commands::t\n")]
    [InlineData("reason: ##[error]boom\n", "reason: ##\\[error]boom\n")]
    [InlineData("ok\r::warning::x\n", "ok\r\\::warning::x\n")]
    [InlineData("│ ::error::in a cell │\n", "│ ::error::in a cell │\n")]
    [InlineData("Pushed mnist v1: a::b\n", "Pushed mnist v1: a::b\n")]
    public void Should_Keep_The_Runner_From_Reading_A_Line_As_A_Workflow_Command(string written, string expected)
    {
        // Given the guard over a log, as under GitHub Actions
        var log = new StringWriter(CultureInfo.InvariantCulture);
        using (var guard = new WorkflowCommandGuard(log))
        {
            // When a line is written in pieces, flushing between them
            foreach (var piece in written.Chunk(2))
            {
                guard.Write(new string(piece));
                guard.Flush();
            }
        }

        // Then no line starts with "::" after its whitespace, no "##[" remains, and other lines pass unchanged
        Assert.Equal(expected, log.ToString());
    }

    [Fact]
    public void Should_Write_A_Last_Line_Without_A_Newline_When_Disposed()
    {
        var log = new StringWriter(CultureInfo.InvariantCulture);
        var guard = new WorkflowCommandGuard(log);

        // A lone ':' cannot be judged yet: it waits
        guard.Write(" :");
        guard.Flush();
        Assert.Equal("", log.ToString());
        guard.Write(":error::x");
        guard.Dispose();

        Assert.Equal(" \\::error::x", log.ToString());
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData(null, false)]
    public void Should_Guard_Only_In_A_GitHub_Actions_Job(string? value, bool active)
    {
        Assert.Equal(active, WorkflowCommandGuard.IsActive(name => name == "GITHUB_ACTIONS" ? value : null));
    }

    [Fact]
    public void Should_Write_The_Hosts_Own_Command_On_A_Line_Of_Its_Own()
    {
        // Given user text half written, with no newline yet (held back while it might still become a command)
        var log = new StringWriter { NewLine = "\n" };
        using var guard = new WorkflowCommandGuard(log) { NewLine = "\n" };
        guard.Write("::err");

        // When the host writes a command of its own
        guard.WriteCommand("::group::Push");
        guard.Write("done\n");

        // Then the user text is ended and guarded first, and the command stands alone, unguarded
        Assert.Equal("\\::err\n::group::Push\ndone\n", log.ToString());
    }
}
