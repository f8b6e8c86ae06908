namespace ModelRelease.Tests;

public sealed class DisplayTextTests
{
    [Theory]
    [InlineData("line\n::error::x", "line\\u000a::error::x")]
    [InlineData("a\r\nb", "a\\u000d\\u000ab")]
    [InlineData("tab\there", "tab\\u0009here")]
    [InlineData("\u001b[2Jclear", "\\u001b[2Jclear")]
    [InlineData("\u001b]8;;https://evil\u0007link", "\\u001b]8;;https://evil\\u0007link")]
    [InlineData("c1\u009bcsi", "c1\\u009bcsi")]
    [InlineData("del\u007f", "del\\u007f")]
    [InlineData("nul\0", "nul\\u0000")]
    [InlineData("abc\u202Egnp.exe", "abc\\u202egnp.exe")]
    [InlineData("iso\u2066late\u2069", "iso\\u2066late\\u2069")]
    [InlineData("mark\u200F", "mark\\u200f")]
    [InlineData("sep\u2028arator", "sep\\u2028arator")]
    public void Should_Show_Each_Control_Bidi_And_Separator_Character_As_A_Visible_Escape(string text, string expected)
    {
        // Given user text holding a character a terminal or a CI runner would act on
        // When it is escaped for display
        var shown = DisplayText.Escape(text);

        // Then the character is spelled out and nothing else changes
        Assert.Equal(expected, shown);
        Assert.DoesNotContain(shown, DisplayText.NeedsEscape);
    }

    [Theory]
    [InlineData("p99 latency doubled → rolled back")]
    [InlineData("C:\\models\\sentiment")]
    [InlineData("précision élevée, 精度")]
    [InlineData("")]
    public void Should_Leave_Printable_Text_As_It_Is(string text)
    {
        Assert.Same(text, DisplayText.Escape(text));
    }

    [Fact]
    public void Should_Show_Null_As_Empty_Text()
    {
        Assert.Equal("", DisplayText.Escape(null));
    }
}
