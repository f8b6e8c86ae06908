namespace ModelRelease.Tests;

public sealed class LabelNamesTests
{
    [Theory]
    [InlineData("stable")]
    [InlineData("canary")]
    [InlineData("golden")]
    [InlineData("shadow-eu_2")]
    public void Should_Accept_Lower_Case_Labels(string label) => Assert.Null(LabelNames.Problem(label));

    [Theory]
    [InlineData("", "required")]
    [InlineData("versions", "serving layout")]
    [InlineData("serving", "serving layout")]
    [InlineData("Stable", "not valid")]
    [InlineData("2nd", "not valid")]
    [InlineData(".stable", "not valid")]
    [InlineData("a/b", "not valid")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", "limit is 32")]
    [InlineData("sta\nble", "\\u000a")]
    public void Should_Explain_A_Bad_Label(string label, string expected) =>
        Assert.Contains(expected, LabelNames.Problem(label), StringComparison.Ordinal);
}
