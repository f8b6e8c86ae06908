using ModelRelease.Cake.Internal;

namespace ModelRelease.Cake.Tests;

/// <summary>--tree's lines: name and description, wrapped to the width under the node's guide, coloured only when asked.</summary>
public sealed class TreeLinesTests
{
    private static string Write(bool color, int width, string firstPrefix, string restPrefix, string name, string description)
    {
        var output = new StringWriter { NewLine = "\n" };
        new TreeLines(output, color, width).Label(firstPrefix, restPrefix, name, description);
        return output.ToString();
    }

    [Fact]
    public void Should_Write_Name_And_Description_On_One_Line_When_They_Fit()
    {
        Assert.Equal("├── Push Copy the candidate\n", Write(false, 40, "├── ", "│   ", "Push", "Copy the candidate"));
    }

    [Fact]
    public void Should_Wrap_At_Word_Boundaries_Under_The_Guide_Without_Trailing_Spaces()
    {
        var text = Write(false, 24, "└── ", "    ", "Validate", "Check a candidate against the release policy");

        Assert.Equal("└── Validate Check a\n    candidate against\n    the release policy\n", text);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 24 && !line.EndsWith(' '), $"'{line}'"));
    }

    [Fact]
    public void Should_Keep_A_Word_Wider_Than_The_Line_Whole()
    {
        Assert.Equal("A\nabcdefghijklmnop\nxy\n", Write(false, 8, "", "", "A", "abcdefghijklmnop xy"));
    }

    [Fact]
    public void Should_Colour_The_Name_Bold_And_The_Description_Grey_On_Every_Line()
    {
        var text = Write(true, 13, "", "", "Push", "Copy the candidate in");

        Assert.Equal("\u001b[1mPush\u001b[0m \u001b[90mCopy the\u001b[0m\n\u001b[90mcandidate in\u001b[0m\n", text);
    }

    [Fact]
    public void Should_Write_Only_The_Name_When_There_Is_No_Description()
    {
        Assert.Equal("Compile\n", Write(false, 80, "", "", "Compile", ""));
    }

    [Theory]
    [InlineData("abc", 3)]
    [InlineData("SQLite ⇄ PostgreSQL", 19)]
    [InlineData("模型", 4)]
    [InlineData("e\u0301", 1)]
    [InlineData("🚀", 2)]
    public void Should_Count_Terminal_Columns(string text, int cells) => Assert.Equal(cells, TreeLines.Cells(text));
}
