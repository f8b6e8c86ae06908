using ModelRelease.Pipelines.Output;

namespace ModelRelease.Pipelines.Tests.Output;

/// <summary>User text in the job summary renders as the same characters: never a tag, a link, emphasis or a new cell.</summary>
public sealed class MarkdownTextTests
{
    [Fact]
    public void Should_Render_Hostile_Text_As_Text()
    {
        // Given a reason holding a script, an image link, emphasis, a table pipe and a new line
        const string reason = "<script>alert(1)</script> ![x](http://evil/p.png) [a](http://evil) **b** | c\n# heading";

        // When it is escaped
        var text = MarkdownText.Escape(reason);

        // Then no tag, link or heading survives, it stays on one line, and no cell can start
        Assert.DoesNotContain('<', text);
        Assert.DoesNotContain('|', text);
        Assert.DoesNotContain('\n', text);
        Assert.DoesNotMatch(@"(?<!\\)\]\(", text);
        Assert.Contains(@"&lt;script&gt;alert(1)&lt;/script&gt; !\[x\](http://evil/p.png) \[a\](http://evil) \*\*b\*\* &#124; c \# heading", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Make_A_Table_Of_Escaped_Cells()
    {
        var table = MarkdownText.Table(["label", "after"], [["canary", "v2 (25%)"], ["stable", "a|b"]]);

        Assert.Equal("| label | after |\n| --- | --- |\n| canary | v2 (25%) |\n| stable | a&#124;b |\n", table);
    }
}
