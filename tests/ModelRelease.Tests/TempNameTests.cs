using System.Text.RegularExpressions;
using ModelRelease.Internal;

namespace ModelRelease.Tests;

/// <summary>Leftover temporary names, recognised by hand: checked against the regular expression they were recognised by before.</summary>
public sealed class TempNameTests
{
    private static readonly Regex Pattern = new(@"^\..+\.tmp-[0-9]+-[0-9a-f]{12}\z", RegexOptions.CultureInvariant);

    [Fact]
    public void Should_Recognise_The_Names_It_Makes()
    {
        var name = Path.GetFileName(TempName.For("/srv/models/models.config"));

        Assert.True(TempName.IsTemporary(name), name);
        Assert.StartsWith(".models.config.tmp-", name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".a.tmp-1-0123456789ab", true)]
    [InlineData(".models.config.tmp-4242-abcdef012345", true)]
    [InlineData(".x.tmp-1.tmp-22-abcdef012345", true)]
    [InlineData("..tmp-1-0123456789ab", false)] // no original name
    [InlineData("a.tmp-1-0123456789ab", false)] // not hidden
    [InlineData(".a.tmp--0123456789ab", false)] // no process id
    [InlineData(".a.tmp-1-0123456789AB", false)] // upper-case hex
    [InlineData(".a.tmp-1-0123456789a", false)] // 11 digits
    [InlineData(".a\n.tmp-1-0123456789ab", false)] // a line break
    [InlineData(".a.tmp-1-0123456789ab\n", false)]
    [InlineData(".a.tmpx1-0123456789ab", false)]
    public void Should_Say_What_The_Pattern_Said(string name, bool temporary)
    {
        Assert.Equal(temporary, Pattern.IsMatch(name));
        Assert.Equal(temporary, TempName.IsTemporary(name));
    }

    [Fact]
    public void Should_Agree_With_The_Pattern_On_Random_Names()
    {
        // Each part of the shape, right or slightly wrong, so both answers come up often.
        string[][] parts =
        [
            [".", "", "a"],
            ["", "a", "x.y", "\n", ".tmp-1-0123456789ab", "7"],
            [".tmp-", ".tmp", "tmp-", ".tmp-.tmp-"],
            ["1", "42", "", "x", "4-2"],
            ["-", "", "--"],
            ["0123456789ab", "abcdef012345", "0123456789a", "0123456789AB", "0123456789abc"],
            ["", "", "\n", "x"],
        ];
        var random = new Random(20261203);
        var matched = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var name = string.Concat(parts.Select(choices => choices[random.Next(choices.Length)]));
            var expected = Pattern.IsMatch(name);
            matched += expected ? 1 : 0;
            Assert.True(expected == TempName.IsTemporary(name), $"'{Regex.Escape(name)}'");
        }

        Assert.True(matched > 0, "no random name was temporary: the samples do not reach a match");
    }
}
