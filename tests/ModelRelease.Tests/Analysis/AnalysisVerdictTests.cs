using static ModelRelease.MeasurementVerdict;

namespace ModelRelease.Tests.Analysis;

public sealed class AnalysisVerdictTests
{
    private static readonly MetricResult Low = MetricResult.Of(1);
    private static readonly MetricResult High = MetricResult.Of(3);
    private static readonly MetricResult Middle = MetricResult.Of(1.5);
    private static readonly MetricResult Nothing = MetricResult.NoData("the query returned no series");
    private static readonly MetricResult Broken = MetricResult.Failure(MetricErrorKind.Unreachable, "connection refused");

    // Success when the canary is within 1.2 × stable; failure beyond 2 ×; in between neither.
    private static readonly AnalysisCheck Relative = AnalysisCheck.Create("latency", "prometheus", "q")
        .SucceedsWhen("canary <= 1.2 * stable").FailsWhen("canary > 2 * stable");

    private static readonly AnalysisCheck Absolute = AnalysisCheck.Create("errors", "prometheus", "q").SucceedsWhen("canary <= 2");

    public static TheoryData<string, MetricResult, MetricResult, MeasurementVerdict> JudgeTable => new()
    {
        { "relative", Low, Low, Successful },
        { "relative", High, Low, Failed },
        { "relative", Middle, Low, Inconclusive },       // neither condition holds, a failure condition exists
        { "relative", Broken, Low, Error },
        { "relative", Low, Broken, Error },               // the stable result is needed
        { "relative", Nothing, Low, Inconclusive },
        { "relative", Low, Nothing, Inconclusive },       // stable needed and missing
        { "relative", Broken, Nothing, Error },            // an error outranks missing data
        { "absolute", Low, Broken, Successful },           // stable is not used, so its error does not matter
        { "absolute", Low, Nothing, Successful },
        { "absolute", High, Low, Failed },                 // no failure condition: not successful is failed
        { "absolute", Nothing, Low, Inconclusive },
        { "absolute", Broken, Low, Error },
    };

    [Theory]
    [MemberData(nameof(JudgeTable))]
    public void Should_Judge_A_Measurement(string check, MetricResult canary, MetricResult stable, MeasurementVerdict expected)
    {
        Assert.Equal(expected, (check == "relative" ? Relative : Absolute).Judge(canary, stable));
    }

    [Fact]
    public void Should_Accept_A_Null_Stable_Result_When_No_Condition_Uses_It()
    {
        Assert.Equal(Successful, Absolute.Judge(Low, null!));
    }

    [Fact]
    public void Should_Refuse_To_Judge_Without_A_Success_Condition()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AnalysisCheck.Create("x", "file", "m/v/x").Judge(Low, Low));

        Assert.Contains("has no success condition", error.Message);
    }

    [Fact]
    public void Should_Let_The_Failure_Condition_Win_When_Both_Hold()
    {
        var check = AnalysisCheck.Create("x", "file", "m/v/x").SucceedsWhen("canary < 10").FailsWhen("canary > 5");

        Assert.Equal(Failed, check.Judge(MetricResult.Of(7), Nothing));
    }

    public static TheoryData<int, int, int, int, MeasurementVerdict[], AnalysisVerdict> AssessTable => new()
    {
        // count, failureLimit, inconclusiveLimit, consecutiveErrorLimit, taken, verdict
        { 3, 0, 0, 4, [], AnalysisVerdict.Running },
        { 3, 0, 0, 4, [Successful, Successful], AnalysisVerdict.Running },
        { 3, 0, 0, 4, [Successful, Successful, Successful], AnalysisVerdict.Successful },
        { 3, 0, 0, 4, [Failed], AnalysisVerdict.Failed },
        { 3, 1, 0, 4, [Failed], AnalysisVerdict.Running },                               // exactly at the limit
        { 3, 1, 0, 4, [Failed, Successful, Successful], AnalysisVerdict.Successful },
        { 3, 1, 0, 4, [Failed, Successful, Failed], AnalysisVerdict.Failed },            // one over the limit
        { 3, 0, 0, 4, [Inconclusive], AnalysisVerdict.Inconclusive },
        { 3, 0, 1, 4, [Inconclusive, Successful, Successful], AnalysisVerdict.Successful },
        { 3, 0, 1, 4, [Inconclusive, Inconclusive], AnalysisVerdict.Inconclusive },
        { 3, 0, 0, 0, [Inconclusive, Failed], AnalysisVerdict.Failed },                  // failure outranks inconclusive
        { 3, 0, 0, 2, [Error, Error], AnalysisVerdict.Running },                         // exactly at the limit
        { 3, 0, 0, 2, [Error, Error, Error], AnalysisVerdict.Error },
        { 3, 0, 0, 2, [Error, Error, Successful, Error, Error], AnalysisVerdict.Running }, // a measurement resets the run
        { 3, 0, 0, 2, [Error, Error, Successful, Error, Error, Error], AnalysisVerdict.Error },
        { 3, 0, 0, 0, [Successful, Error], AnalysisVerdict.Error },
        { 2, 0, 0, 4, [Successful, Error, Error, Successful], AnalysisVerdict.Successful }, // errors do not count toward Count
        { 2, 0, 0, 4, [Successful, Error, Error, Error], AnalysisVerdict.Running },
    };

    [Theory]
    [MemberData(nameof(AssessTable))]
    public void Should_Assess_Measurements_With_Argo_Limits(int count, int failureLimit, int inconclusiveLimit, int errorLimit, MeasurementVerdict[] taken, AnalysisVerdict expected)
    {
        var check = Absolute.Times(count).AllowingFailures(failureLimit).AllowingInconclusive(inconclusiveLimit).AllowingConsecutiveErrors(errorLimit);

        Assert.Equal(expected, check.Assess(taken));
    }

    [Theory]
    [InlineData(new AnalysisVerdict[0], AnalysisVerdict.Successful)]
    [InlineData(new[] { AnalysisVerdict.Successful, AnalysisVerdict.Successful }, AnalysisVerdict.Successful)]
    [InlineData(new[] { AnalysisVerdict.Successful, AnalysisVerdict.Running }, AnalysisVerdict.Running)]
    [InlineData(new[] { AnalysisVerdict.Running, AnalysisVerdict.Inconclusive }, AnalysisVerdict.Inconclusive)]
    [InlineData(new[] { AnalysisVerdict.Inconclusive, AnalysisVerdict.Error, AnalysisVerdict.Running }, AnalysisVerdict.Error)]
    [InlineData(new[] { AnalysisVerdict.Error, AnalysisVerdict.Failed, AnalysisVerdict.Successful }, AnalysisVerdict.Failed)]
    public void Should_Combine_Check_Verdicts_Worst_First(AnalysisVerdict[] verdicts, AnalysisVerdict expected)
    {
        Assert.Equal(expected, AnalysisAssessment.Combine(verdicts));
    }

    [Fact]
    public void Should_Describe_Metric_Results_Readably()
    {
        Assert.Equal("0.0123", MetricResult.Of(0.0123).ToString());
        Assert.Equal("no data (the query returned no series)", Nothing.ToString());
        Assert.Equal("error: connection refused", Broken.ToString());
        Assert.True(Nothing.IsNoData);
        Assert.False(Nothing.IsError);
        Assert.True(Broken.IsError);
        Assert.Equal(MetricErrorKind.Unreachable, Broken.ErrorKind);
        Assert.Equal("", Low.Detail);
    }

    [Fact]
    public void Should_Count_A_Nan_Value_As_No_Data_And_Keep_Infinities()
    {
        var nan = MetricResult.Of(double.NaN);

        Assert.True(nan.IsNoData);
        Assert.False(nan.HasValue);
        Assert.Equal(double.PositiveInfinity, MetricResult.Of(double.PositiveInfinity).Value);
    }

    [Fact]
    public void Should_Cut_Raw_Evidence_To_Five_Hundred_Characters()
    {
        Assert.Equal(500, MetricResult.Of(1, new string('x', 2000)).Raw!.Length);
    }
}
