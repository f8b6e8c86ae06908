using ModelRelease.Cake.Internal;

namespace ModelRelease.Cake.Tests;

public sealed class ClosestMatchTests
{
    [Theory]
    [InlineData("modle", "model")]
    [InlineData("regsitry", "registry")]
    [InlineData("wieght", "weight")]
    [InlineData("Promte", "Promote")]
    public void Should_Suggest_The_Nearest_Name_For_A_Typo(string typo, string expected)
    {
        Assert.Equal(expected, ClosestMatch.Find(typo, ["model", "registry", "weight", "Promote", "Push", "root"]));
    }

    [Fact]
    public void Should_Suggest_Nothing_When_No_Name_Is_Close()
    {
        Assert.Null(ClosestMatch.Find("frobnicate", ["model", "root"]));
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "abc", 0)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    public void Should_Count_Edits(string a, string b, int distance)
    {
        Assert.Equal(distance, ClosestMatch.Distance(a, b));
    }
}
