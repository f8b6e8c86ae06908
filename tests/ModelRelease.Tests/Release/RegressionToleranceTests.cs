namespace ModelRelease.Tests.Release;

public sealed class RegressionToleranceTests
{
    [Fact]
    public void Should_Allow_A_Fixed_Amount_Whatever_The_Baseline_When_Absolute()
    {
        var tolerance = RegressionTolerance.Absolute(0.01);

        Assert.False(tolerance.IsRelative);
        Assert.Equal(0.01, tolerance.Amount);
        Assert.Equal(0.01, tolerance.AllowedChange(0.9));
        Assert.Equal(0.01, tolerance.AllowedChange(500));
    }

    [Theory]
    [InlineData(120, 12)]
    [InlineData(-50, 5)]
    [InlineData(0, 0)]
    public void Should_Allow_A_Share_Of_The_Baselines_Magnitude_When_Relative(double baseline, double allowed)
    {
        var tolerance = RegressionTolerance.Percent(10);

        Assert.True(tolerance.IsRelative);
        Assert.Equal(allowed, tolerance.AllowedChange(baseline), 12);
    }

    [Fact]
    public void Should_Print_As_A_Policy_Would_Write_It()
    {
        Assert.Equal("0.01", RegressionTolerance.Absolute(0.01).ToString());
        Assert.Equal("10%", RegressionTolerance.Percent(10).ToString());
        Assert.Equal("2.5%", RegressionTolerance.Percent(2.5).ToString());
    }

    [Fact]
    public void Should_Compare_By_Value()
    {
        Assert.Equal(RegressionTolerance.Percent(10), RegressionTolerance.Percent(10));
        Assert.NotEqual(RegressionTolerance.Percent(10), RegressionTolerance.Absolute(10));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Should_Refuse_A_Negative_Or_Non_Finite_Amount(double amount)
    {
        Assert.Contains("0 or more", Assert.Throws<ArgumentOutOfRangeException>(() => RegressionTolerance.Absolute(amount)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => RegressionTolerance.Percent(amount));
    }
}
