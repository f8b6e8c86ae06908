namespace ModelRelease.Tests.Analysis;

public sealed class AnalysisConditionTests
{
    [Theory]
    [InlineData("canary <= 0.01", 0.01, null, true)]
    [InlineData("canary <= 0.01", 0.02, null, false)]
    [InlineData("canary < 0.01", 0.01, null, false)]
    [InlineData("canary >= 5", 5.0, null, true)]
    [InlineData("canary > 5", 5.0, null, false)]
    [InlineData("canary == 3", 3.0, null, true)]
    [InlineData("canary != 3", 3.0, null, false)]
    [InlineData("canary <= 1.2 * stable", 1.2, 1.0, true)]
    [InlineData("canary <= 1.2 * stable", 1.3, 1.0, false)]
    [InlineData("canary - stable < 0.5", 1.4, 1.0, true)]
    [InlineData("canary / stable <= 2", 3.0, 1.0, false)]
    [InlineData("-canary < 0", 1.0, null, true)]
    [InlineData("canary + 1 > 1", 0.5, null, true)]
    [InlineData("abs(canary - stable) < 0.1", 0.95, 1.0, true)]
    [InlineData("ABS(canary - stable) < 0.1", 0.85, 1.0, false)]
    [InlineData("min(canary, stable) >= 2", 2.0, 3.0, true)]
    [InlineData("max(canary, stable) <= 2", 2.0, 3.0, false)]
    [InlineData("canary > 1 and canary < 5", 3.0, null, true)]
    [InlineData("canary > 1 && canary < 5", 6.0, null, false)]
    [InlineData("canary < 1 or canary > 5", 6.0, null, true)]
    [InlineData("canary < 1 || canary > 5", 3.0, null, false)]
    [InlineData("not (canary > 1)", 3.0, null, false)]
    [InlineData("!(canary > 1)", 0.5, null, true)]
    [InlineData("[canary] < 1e-3", 0.0005, null, true)]
    [InlineData("canary < 1E3 AND stable > 0", 999.0, 1.0, true)]
    public void Should_Evaluate_The_Allowed_Forms(string text, double canary, double? stable, bool expected)
    {
        var condition = AnalysisCondition.Parse(text);

        Assert.Equal(expected, condition.Evaluate(canary, stable));
        Assert.Equal(text, condition.Text);
        Assert.Equal(text, condition.ToString());
    }

    [Theory]
    [InlineData(600.0, 400.0, false)] // within 1.2 × stable, but over the 500 bound
    [InlineData(450.0, 400.0, true)]
    [InlineData(490.0, 100.0, false)] // under 500, but more than 1.2 × stable
    public void Should_Bind_Arithmetic_Tighter_Than_Comparison_And_Comparison_Tighter_Than_And(double canary, double stable, bool expected)
    {
        var condition = AnalysisCondition.Parse("canary <= 1.2 * stable and canary < 500");

        Assert.Equal(expected, condition.Evaluate(canary, stable));
    }

    [Fact]
    public void Should_Bind_And_Tighter_Than_Or()
    {
        var condition = AnalysisCondition.Parse("canary < 1 or canary > 5 and canary < 6");

        Assert.True(condition.Evaluate(0.5, null));
        Assert.False(condition.Evaluate(7, null));
    }

    [Fact]
    public void Should_Know_Whether_It_Uses_Stable()
    {
        Assert.True(AnalysisCondition.Parse("canary <= 1.2 * stable").UsesStable);
        Assert.True(AnalysisCondition.Parse("canary < 1 or abs(stable) > 0").UsesStable);
        Assert.False(AnalysisCondition.Parse("canary <= 0.01").UsesStable);
    }

    [Fact]
    public void Should_Refuse_To_Evaluate_Without_Stable_When_It_Uses_It()
    {
        var condition = AnalysisCondition.Parse("canary <= 1.2 * stable");

        var error = Assert.Throws<InvalidOperationException>(() => condition.Evaluate(1, null));

        Assert.Contains("compares with the stable version", error.Message);
    }

    [Fact]
    public void Should_Treat_Nan_Comparisons_As_False_And_Division_By_Zero_As_Infinity()
    {
        Assert.False(AnalysisCondition.Parse("canary <= 1").Evaluate(double.NaN, null));
        Assert.False(AnalysisCondition.Parse("canary > 1").Evaluate(double.NaN, null));
        Assert.True(AnalysisCondition.Parse("canary / stable > 1000").Evaluate(1, 0));
        Assert.False(AnalysisCondition.Parse("canary <= 1.2 * stable").Evaluate(double.PositiveInfinity, 1));
    }

    [Fact]
    public void Should_Be_Equal_By_Text()
    {
        Assert.Equal(AnalysisCondition.Parse("canary < 1"), AnalysisCondition.Parse("canary < 1"));
        Assert.Equal(AnalysisCondition.Parse("canary < 1").GetHashCode(), AnalysisCondition.Parse("canary < 1").GetHashCode());
        Assert.NotEqual(AnalysisCondition.Parse("canary < 1"), AnalysisCondition.Parse("canary<1"));
    }

    [Theory]
    [InlineData("canary <= 1.2 * stabel", "unknown name 'stabel' (did you mean 'stable'?)")]
    [InlineData("Canary < 1", "unknown name 'Canary' (did you mean 'canary'?)")]
    [InlineData("latency < 1", "unknown name 'latency'")]
    [InlineData("[threshold] < canary", "unknown name 'threshold'")]
    [InlineData("canary", "a condition must compare, e.g. canary <= 0.01")]
    [InlineData("0.5", "a condition must compare, e.g. canary <= 0.01")]
    [InlineData("canary * 2", "a condition must compare, e.g. canary <= 0.01")]
    [InlineData("true", "'True' is a constant, not a measurement")]
    [InlineData("canary < 1 and 2", "'and' joins comparisons, but one side is a number")]
    [InlineData("canary or stable < 1", "'or' joins comparisons, but one side is a number")]
    [InlineData("not canary > 1", "'not' needs a comparison, not a number; put the comparison in parentheses, e.g. not (canary > 1)")]
    [InlineData("(canary < 1) + 1 > 0", "'+' computes with numbers, but one side is a comparison")]
    [InlineData("(canary < 1) == (stable < 1)", "'==' compares numbers, but one side is already a comparison")]
    [InlineData("-(canary < 1)", "'-' needs a number, not a comparison")]
    [InlineData("canary == 'x'", "the text 'x' is not a number")]
    [InlineData("if(canary > 1, true, false)", "unknown function 'if()'")]
    [InlineData("sqrt(canary) < 1", "unknown function 'sqrt()'")]
    [InlineData("abs(canary, stable) < 1", "abs() takes 1 argument, not 2")]
    [InlineData("min(canary) < 1", "min() takes 2 arguments, not 1")]
    [InlineData("max(canary < 1, 2) < 1", "max() takes numbers, not a comparison")]
    [InlineData("canary % 2 == 0", "the operator '%' is not allowed")]
    [InlineData("canary ** 2 < 1", "the operator '**' is not allowed")]
    [InlineData("canary in (1, 2)", "the operator 'in' is not allowed")]
    [InlineData("canary > 1 ? true : false", "'? :' is not allowed")]
    public void Should_Refuse_Names_Functions_And_Types_It_Does_Not_Allow(string text, string problem)
    {
        var error = Assert.Throws<RegistryException>(() => AnalysisCondition.Parse(text));

        Assert.StartsWith($"Condition \"{text}\": {problem}", error.Message);
        Assert.EndsWith("Use canary, stable, numbers, + - * /, < <= > >= == !=, and/or/not, abs(), min(), max().", error.Message);
    }

    [Fact]
    public void Should_Name_The_Typo_And_The_Fix_In_One_Message()
    {
        var error = Assert.Throws<RegistryException>(() => AnalysisCondition.Parse("canary <= 1.2 * stabel"));

        Assert.Equal(
            "Condition \"canary <= 1.2 * stabel\": unknown name 'stabel' (did you mean 'stable'?). Use canary, stable, numbers, + - * /, < <= > >= == !=, and/or/not, abs(), min(), max().",
            error.Message);
    }

    [Theory]
    [InlineData("canary <")]
    [InlineData("(canary > 1")]
    [InlineData("canary > 1)")]
    [InlineData("canary stable")]
    [InlineData("canary = 1")]
    [InlineData("canary * * 2")]
    [InlineData("#2020-01-01# > canary")]
    public void Should_Refuse_Text_That_Does_Not_Parse(string text)
    {
        var error = Assert.Throws<RegistryException>(() => AnalysisCondition.Parse(text));

        Assert.StartsWith($"Condition \"{text}\" does not parse: ", error.Message);
        Assert.EndsWith("abs(), min(), max().", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Should_Refuse_An_Empty_Condition(string text)
    {
        var error = Assert.Throws<RegistryException>(() => AnalysisCondition.Parse(text));

        Assert.StartsWith("A condition is empty. Write a comparison, e.g. canary <= 0.01", error.Message);
    }

    [Fact]
    public void Should_Refuse_A_Condition_Longer_Than_The_Limit()
    {
        var text = "canary < 1" + string.Concat(Enumerable.Repeat(" or canary < 1", 80));

        var error = Assert.Throws<RegistryException>(() => AnalysisCondition.Parse(text));

        Assert.Contains($"is {text.Length} characters long; the limit is 1000", error.Message);
    }

    [Fact]
    public void Should_Escape_Control_Characters_In_Messages()
    {
        var error = Assert.Throws<RegistryException>(() => AnalysisCondition.Parse("canary < 1\n::error::x"));

        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Should_Check_And_Evaluate_Deeply_Nested_Conditions_Within_The_Length_Limit()
    {
        var nested = new string('(', 490) + "-canary" + new string(')', 490) + " < 1";

        Assert.True(AnalysisCondition.Parse(nested).Evaluate(5, null));
    }
}
