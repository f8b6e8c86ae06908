namespace ModelRelease.Tests.Analysis;

public sealed class QueryTemplateTests
{
    [Fact]
    public void Should_Render_Every_Placeholder_And_Leave_PromQL_Braces_Alone()
    {
        var template = QueryTemplate.Parse("sum(rate(errors_total{model=\"{{model}}\",version=\"{{ version }}\",label=\"{{label}}\"}[5m]))");

        var query = template.Render("sentiment", "v-20260101-120000", "canary");

        Assert.Equal("sum(rate(errors_total{model=\"sentiment\",version=\"v-20260101-120000\",label=\"canary\"}[5m]))", query);
    }

    [Fact]
    public void Should_Render_A_Template_Without_Placeholders_As_Is()
    {
        Assert.Equal("up", QueryTemplate.Parse("up").Render("m", "v1", "stable"));
    }

    [Fact]
    public void Should_Render_A_File_Query()
    {
        Assert.Equal("file:sentiment/v1/error_rate", QueryTemplate.Parse("file:{{model}}/{{version}}/error_rate").Render("sentiment", "v1", "canary"));
    }

    [Theory]
    [InlineData("x{v=\"{{modle}}\"}", "unknown placeholder '{{modle}}'")]
    [InlineData("x{v=\"{{Version}}\"}", "unknown placeholder '{{Version}}'")]
    [InlineData("x{v=\"{{}}\"}", "unknown placeholder '{{}}'")]
    [InlineData("x{v=\"{{version}\"}", "'{{' is not part of a placeholder (a brace is missing)")]
    [InlineData("x{v=\"version}}\"}", "'}}' is not part of a placeholder (a brace is missing)")]
    public void Should_Refuse_Unknown_Placeholders_And_Unbalanced_Braces_Listing_The_Valid_Ones(string text, string problem)
    {
        var error = Assert.Throws<RegistryException>(() => QueryTemplate.Parse(text));

        Assert.StartsWith($"Query \"{text}\": {problem}", error.Message);
        Assert.EndsWith("{{model}}, {{version}}, {{label}}.", error.Message);
    }

    [Fact]
    public void Should_Refuse_An_Empty_Query()
    {
        var error = Assert.Throws<RegistryException>(() => QueryTemplate.Parse(" "));

        Assert.Equal(
            "A metric query is empty. Write the query that measures one version, e.g. sum(rate(errors_total{version=\"{{version}}\"}[5m])), using {{model}}, {{version}}, {{label}}.",
            error.Message);
    }
}
