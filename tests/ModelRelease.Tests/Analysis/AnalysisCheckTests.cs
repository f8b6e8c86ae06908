namespace ModelRelease.Tests.Analysis;

public sealed class AnalysisCheckTests
{
    private const string Query = "sum(rate(errors_total{version=\"{{version}}\"}[5m]))";

    private static AnalysisCheck ErrorRate() => AnalysisCheck.Create("error-rate", "prometheus", Query).SucceedsWhen("canary <= 0.01");

    [Fact]
    public void Should_Build_A_Check_Fluently_With_Every_Setting()
    {
        var check = AnalysisCheck.Create("latency", "file", "{{model}}/{{version}}/latency_ms")
            .SucceedsWhen("canary <= 1.2 * stable")
            .FailsWhen("canary > 2 * stable")
            .Every(TimeSpan.FromSeconds(30))
            .Times(10)
            .AllowingFailures(2)
            .AllowingInconclusive(3)
            .AllowingConsecutiveErrors(1);

        Assert.Equal("latency", check.Name);
        Assert.Equal("file", check.Source);
        Assert.Equal(QueryTemplate.Parse("{{model}}/{{version}}/latency_ms"), check.Query);
        Assert.Equal("canary <= 1.2 * stable", check.SuccessCondition.Text);
        Assert.Equal("canary > 2 * stable", check.FailureCondition!.Text);
        Assert.Equal(TimeSpan.FromSeconds(30), check.Interval);
        Assert.Equal((10, 2, 3, 1), (check.Count, check.FailureLimit, check.InconclusiveLimit, check.ConsecutiveErrorLimit));
        check.Validate("sentiment");
    }

    [Fact]
    public void Should_Default_To_Every_Minute_Five_Times_No_Failures_And_Four_Consecutive_Errors()
    {
        var check = ErrorRate();

        Assert.Equal(TimeSpan.FromMinutes(1), check.Interval);
        Assert.Equal((5, 0, 0, 4), (check.Count, check.FailureLimit, check.InconclusiveLimit, check.ConsecutiveErrorLimit));
        Assert.Null(check.FailureCondition);
    }

    [Fact]
    public void Should_Compare_Checks_By_Their_Settings()
    {
        Assert.Equal(ErrorRate(), ErrorRate());
        Assert.NotEqual(ErrorRate(), ErrorRate().Times(6));
        Assert.NotEqual(ErrorRate(), ErrorRate().FailsWhen("canary > 0.05"));
    }

    [Theory]
    [InlineData("", "prometheus", "An analysis check has no name.")]
    [InlineData("x", "graphite", "Analysis check 'x': source 'graphite' is not one this tool reads. Use \"prometheus\" or \"file\".")]
    [InlineData("x", "Prometheus", "Analysis check 'x': source 'Prometheus' is not one this tool reads.")]
    public void Should_Refuse_A_Bad_Name_Or_Source_When_Created(string name, string source, string message)
    {
        var error = Assert.Throws<RegistryException>(() => AnalysisCheck.Create(name, source, Query));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Should_Name_The_Check_When_Its_Query_Or_Condition_Is_Wrong()
    {
        var query = Assert.Throws<RegistryException>(() => AnalysisCheck.Create("x", "prometheus", "up{v=\"{{versoin}}\"}"));
        var condition = Assert.Throws<RegistryException>(() => ErrorRate().FailsWhen("canary > 2 * stabel"));

        Assert.StartsWith("Analysis check 'x': Query \"up{v=\\\"{{versoin}}\\\"}\"".Replace("\\\"", "\""), query.Message);
        Assert.StartsWith("Analysis check 'error-rate': Condition \"canary > 2 * stabel\": unknown name 'stabel'", condition.Message);
    }

    [Theory]
    [InlineData(0, "interval 0s is not between 0 and 24h")]
    [InlineData(-1000, "interval -1s is not between 0 and 24h")]
    [InlineData(86_400_001, "interval 86400001ms is not between 0 and 24h")]
    public void Should_Refuse_An_Interval_Outside_Zero_To_A_Day(long milliseconds, string problem)
    {
        var error = Assert.Throws<RegistryException>(() => ErrorRate().Every(TimeSpan.FromMilliseconds(milliseconds)));

        Assert.Equal($"Analysis check 'error-rate': {problem}; it is the time between measurements, e.g. 1m or 30s.", error.Message);
    }

    [Fact]
    public void Should_Accept_An_Interval_Of_Exactly_A_Day()
    {
        Assert.Equal(TimeSpan.FromHours(24), ErrorRate().Every(TimeSpan.FromHours(24)).Interval);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Should_Refuse_A_Count_Outside_One_To_A_Thousand(int count)
    {
        var error = Assert.Throws<RegistryException>(() => ErrorRate().Times(count));

        Assert.Equal($"Analysis check 'error-rate': count is {count}; it is how many measurements the check takes, so give 1 to 1000, e.g. 5.", error.Message);
    }

    [Fact]
    public void Should_Refuse_Negative_Limits()
    {
        var failures = Assert.Throws<RegistryException>(() => ErrorRate().AllowingFailures(-1));
        var inconclusive = Assert.Throws<RegistryException>(() => ErrorRate().AllowingInconclusive(-1));
        var errors = Assert.Throws<RegistryException>(() => ErrorRate().AllowingConsecutiveErrors(-2));

        Assert.Equal("Analysis check 'error-rate': the failure limit is -1; it counts measurements the check tolerates, so give 0 or more, e.g. 1.", failures.Message);
        Assert.StartsWith("Analysis check 'error-rate': the inconclusive limit is -1;", inconclusive.Message);
        Assert.StartsWith("Analysis check 'error-rate': the consecutive error limit is -2;", errors.Message);
    }

    [Fact]
    public void Should_Refuse_A_Failure_Limit_That_Is_Not_Below_The_Count_Whatever_The_Builder_Order()
    {
        var check = ErrorRate().AllowingFailures(5).Times(10).Times(5);

        var error = Assert.Throws<RegistryException>(() => check.Validate("sentiment"));

        Assert.Equal(
            "Release policy for 'sentiment': analysis check 'error-rate': failure limit 5 is not below count 5, so the check could never fail: it fails when more than 5 of 5 measurements fail. Lower the limit below 5, or raise the count.",
            error.Message);
        ErrorRate().AllowingFailures(4).Validate("sentiment");
    }

    [Fact]
    public void Should_Refuse_An_Inconclusive_Limit_That_Is_Not_Below_The_Count()
    {
        var error = Assert.Throws<RegistryException>(() => ErrorRate().Times(2).AllowingInconclusive(2).Validate("sentiment"));

        Assert.StartsWith("Release policy for 'sentiment': analysis check 'error-rate': inconclusive limit 2 is not below count 2, so the check could never stop as inconclusive", error.Message);
    }

    [Fact]
    public void Should_Refuse_A_Check_Without_A_Success_Condition()
    {
        var error = Assert.Throws<RegistryException>(() => AnalysisCheck.Create("x", "prometheus", "up").Validate("sentiment"));

        Assert.StartsWith("Release policy for 'sentiment': analysis check 'x' has no success condition. Add one, e.g. .SucceedsWhen(\"canary <= 0.01\")", error.Message);
    }

    [Fact]
    public void Should_Catch_Values_Set_Past_The_Builders_When_Validating()
    {
        var error = Assert.Throws<RegistryException>(() => (ErrorRate() with { Count = 0 }).Validate("sentiment"));

        Assert.StartsWith("Release policy for 'sentiment': analysis check 'error-rate': count is 0;", error.Message);
    }

    [Fact]
    public void Should_Add_Checks_To_A_Policy_And_Refuse_Two_With_One_Name()
    {
        var policy = ReleasePolicy.For("sentiment").Analyze(ErrorRate());

        var error = Assert.Throws<RegistryException>(() => policy.Analyze(ErrorRate().Times(9)));

        Assert.Single(policy.Analysis);
        Assert.Equal(
            "Release policy for 'sentiment': two analysis checks are named 'error-rate'. Give each check its own name; results are recorded by it.",
            error.Message);
    }

    [Fact]
    public void Should_Validate_A_Check_When_It_Is_Added_To_A_Policy()
    {
        var error = Assert.Throws<RegistryException>(() => ReleasePolicy.For("sentiment").Analyze(AnalysisCheck.Create("x", "file", "m/v/x")));

        Assert.Contains("analysis check 'x' has no success condition", error.Message);
    }

    [Fact]
    public void Should_Include_Analysis_In_Policy_Equality_And_Text()
    {
        var a = ReleasePolicy.For("sentiment").Analyze(ErrorRate());
        var b = ReleasePolicy.For("sentiment").Analyze(ErrorRate());

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, ReleasePolicy.For("sentiment"));
        Assert.NotEqual(a, ReleasePolicy.For("sentiment").Analyze(ErrorRate().Times(7)));
        Assert.Contains("Analysis = [AnalysisCheck { Name = error-rate, Source = prometheus", a.ToString());
        Assert.Empty(ReleasePolicy.For("sentiment").Analysis);
    }

    [Fact]
    public void Should_Refuse_A_Null_Analysis_List_Or_Check_When_Validating()
    {
        var nullList = Assert.Throws<RegistryException>(() => (ReleasePolicy.For("m") with { Analysis = null! }).Validate());
        var nullCheck = Assert.Throws<RegistryException>(() => (ReleasePolicy.For("m") with { Analysis = [null!] }).Validate());
        var twice = Assert.Throws<RegistryException>(() => (ReleasePolicy.For("m") with { Analysis = [ErrorRate(), ErrorRate()] }).Validate());

        Assert.Equal("Release policy for 'm': Analysis is null. Leave it out for the default, or give a list.", nullList.Message);
        Assert.StartsWith("Release policy for 'm': analysis check 1 is null.", nullCheck.Message);
        Assert.Contains("two analysis checks are named 'error-rate'", twice.Message);
    }
}
