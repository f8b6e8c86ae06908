namespace ModelRelease.Tests.Analysis;

public sealed class AnalysisPolicyFileTests
{
    private const string Documented = """
        {
          "model": "sentiment",
          "analysis": [
            { "name": "latency", "source": "prometheus",
              "query": "histogram_quantile(0.99, sum by (le) (rate(latency_bucket{version=\"{{version}}\"}[5m])))",
              "successCondition": "canary <= 1.2 * stable", "failureCondition": "canary > 2 * stable",
              "interval": "30s", "count": 5, "failureLimit": 1, "inconclusiveLimit": 1, "consecutiveErrorLimit": 4 },
            { "name": "errors", "source": "file", "query": "{{model}}/{{version}}/error_rate", "successCondition": "canary <= 0.01" }
          ]
        }
        """;

    private static readonly ReleasePolicy CodePolicy = ReleasePolicy.For("sentiment")
        .Analyze(AnalysisCheck.Create("latency", "prometheus", "histogram_quantile(0.99, sum by (le) (rate(latency_bucket{version=\"{{version}}\"}[5m])))")
            .SucceedsWhen("canary <= 1.2 * stable")
            .FailsWhen("canary > 2 * stable")
            .Every(TimeSpan.FromSeconds(30))
            .AllowingFailures(1)
            .AllowingInconclusive(1))
        .Analyze(AnalysisCheck.Create("errors", "file", "{{model}}/{{version}}/error_rate").SucceedsWhen("canary <= 0.01"));

    [Fact]
    public void Should_Read_Analysis_Checks_As_The_Same_Policy_Written_In_Code()
    {
        var policy = ReleasePolicyFile.Parse(Documented, "policy.json");

        Assert.Equal(CodePolicy, policy);
        Assert.Equal(TimeSpan.FromMinutes(1), policy.Analysis[1].Interval);
    }

    [Fact]
    public void Should_Round_Trip_Analysis_Checks_Through_Json()
    {
        var policy = CodePolicy.Analyze(AnalysisCheck.Create("slow", "prometheus", "up").SucceedsWhen("canary == 1")
            .Every(TimeSpan.FromMilliseconds(1500)).Times(1000).AllowingConsecutiveErrors(0));

        var json = ReleasePolicyFile.ToJson(policy);
        var back = ReleasePolicyFile.Parse(json, "exported");

        Assert.Equal(policy, back);
        Assert.Contains("\"interval\": \"30s\"", json);
        Assert.Contains("\"interval\": \"1500ms\"", json);
        Assert.Contains("\"failureCondition\": \"canary > 2 * stable\"", json);
        Assert.Contains("\"query\": \"{{model}}/{{version}}/error_rate\"", json);
    }

    [Fact]
    public void Should_Leave_Out_Analysis_When_There_Is_None()
    {
        Assert.DoesNotContain("analysis", ReleasePolicyFile.ToJson(ReleasePolicy.For("m")));
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("24h", 86_400_000)]
    public void Should_Read_Intervals_In_Every_Unit(string interval, long milliseconds)
    {
        var policy = ReleasePolicyFile.Parse(Policy($"\"interval\": \"{interval}\""), "p.json");

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), policy.Analysis[0].Interval);
    }

    [Theory]
    [InlineData("\"interval\": \"30\"", "p.json: analysis.errors.interval is \"30\", which is not a duration. Write a number and a unit: \"500ms\", \"30s\", \"5m\" or \"1h\".")]
    [InlineData("\"interval\": \"1d\"", "p.json: analysis.errors.interval is \"1d\", which is not a duration.")]
    [InlineData("\"interval\": 30", "p.json: analysis.errors.interval must be a string, not the number 30. Write it like \"interval\": \"30s\".")]
    [InlineData("\"interval\": \"25h\"", "p.json: Release policy for 'sentiment': analysis check 'errors': interval 25h is not between 0 and 24h")]
    [InlineData("\"interval\": \"0s\"", "p.json: Release policy for 'sentiment': analysis check 'errors': interval 0s is not between 0 and 24h")]
    [InlineData("\"count\": \"5\"", "p.json: analysis.errors.count must be a whole number, not the string \"5\". Write it like \"count\": 5.")]
    [InlineData("\"count\": 2.5", "p.json: analysis.errors.count must be a whole number, not the number 2.5.")]
    [InlineData("\"count\": 0", "p.json: Release policy for 'sentiment': analysis check 'errors': count is 0;")]
    [InlineData("\"failureLimit\": 5", "p.json: Release policy for 'sentiment': analysis check 'errors': failure limit 5 is not below count 5")]
    [InlineData("\"inconclusiveLimit\": -1", "p.json: Release policy for 'sentiment': analysis check 'errors': the inconclusive limit is -1;")]
    [InlineData("\"consecutiveErrorLimit\": true", "p.json: analysis.errors.consecutiveErrorLimit must be a whole number, not the boolean true.")]
    [InlineData("\"failureCondition\": \"canary > 2 * stabel\"", "p.json: analysis.errors.failureCondition: Analysis check 'errors': Condition \"canary > 2 * stabel\": unknown name 'stabel' (did you mean 'stable'?).")]
    [InlineData("\"failureCondition\": 2", "p.json: analysis.errors.failureCondition must be a string, not the number 2.")]
    [InlineData("\"Count\": 5", "p.json: unknown key \"Count\" in analysis[0]. Did you mean \"count\"? Valid keys: name, source, query, successCondition, failureCondition, interval, count, failureLimit, inconclusiveLimit, consecutiveErrorLimit.")]
    [InlineData("\"interval\": \"1m\", \"interval\": \"2m\"", "p.json: key 'interval' appears twice in analysis[0]. Keep one of them.")]
    public void Should_Name_The_Check_And_Key_When_A_Setting_Is_Wrong(string extra, string message)
    {
        var error = Assert.Throws<RegistryException>(() => ReleasePolicyFile.Parse(Policy(extra), "p.json"));

        Assert.StartsWith(message, error.Message);
    }

    [Theory]
    [InlineData("""{"model": "m", "analysis": {}}""", "p.json: \"analysis\" must be an array of checks, not an object, e.g. \"analysis\": [{\"name\": \"error-rate\"")]
    [InlineData("""{"model": "m", "analysis": [1]}""", "p.json: analysis[0] must be an object, not the number 1, e.g. {\"name\": \"error-rate\"")]
    [InlineData("""{"model": "m", "analysis": [{"source": "file"}]}""", "p.json: analysis[0] has no \"name\". Add it, e.g. \"name\": \"error-rate\"; a check looks like {")]
    [InlineData("""{"model": "m", "analysis": [{"name": 3}]}""", "p.json: analysis[0].name must be a string, not the number 3.")]
    [InlineData("""{"model": "m", "analysis": [{"name": "x"}]}""", "p.json: analysis.x has no \"source\". Add it, e.g. \"source\": \"prometheus\";")]
    [InlineData("""{"model": "m", "analysis": [{"name": "x", "source": "file"}]}""", "p.json: analysis.x has no \"query\".")]
    [InlineData("""{"model": "m", "analysis": [{"name": "x", "source": "file", "query": "a/b/c"}]}""", "p.json: analysis.x has no \"successCondition\". Add it, e.g. \"successCondition\": \"canary <= 0.01\";")]
    [InlineData("""{"model": "m", "analysis": [{"name": "x", "source": "influx", "query": "q", "successCondition": "canary < 1"}]}""", "p.json: analysis.x.query: Analysis check 'x': source 'influx' is not one this tool reads. Use \"prometheus\" or \"file\".")]
    [InlineData("""{"model": "m", "analysis": [{"name": "x", "source": "file", "query": "{{modle}}/v/x", "successCondition": "canary < 1"}]}""", "p.json: analysis.x.query: Analysis check 'x': Query \"{{modle}}/v/x\": unknown placeholder '{{modle}}'.")]
    [InlineData("""{"model": "m", "analysis": [{"name": "x", "source": "file", "query": "a/b/c", "successCondition": "canary"}]}""", "p.json: analysis.x.successCondition: Analysis check 'x': Condition \"canary\": a condition must compare, e.g. canary <= 0.01.")]
    [InlineData("""{"model": "m", "analysis": [{"name": "x", "source": "file", "query": "a/b/c", "successCondition": "canary < 1"}, {"name": "x", "source": "file", "query": "a/b/d", "successCondition": "canary < 2"}]}""", "p.json: Release policy for 'm': two analysis checks are named 'x'.")]
    public void Should_Refuse_A_Malformed_Analysis_Array_When_The_File_Loads(string json, string message)
    {
        var error = Assert.Throws<RegistryException>(() => ReleasePolicyFile.Parse(json, "p.json"));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Should_Refuse_A_Malformed_Condition_When_A_Policy_File_Is_Loaded_From_Disk()
    {
        using var directory = new Fixtures.TempDirectory();
        var path = directory.WriteFile("policy.json", Policy("\"failureCondition\": \"canary >> 2\""));

        var error = Assert.Throws<RegistryException>(() => ReleasePolicyFile.Load(path));

        Assert.StartsWith($"{path}: analysis.errors.failureCondition: Analysis check 'errors': Condition \"canary >> 2\":", error.Message);
    }

    [Fact]
    public void Should_List_Analysis_Among_The_Valid_Top_Level_Keys()
    {
        var error = Assert.Throws<RegistryException>(() => ReleasePolicyFile.Parse("""{"model": "m", "analyses": []}""", "p.json"));

        Assert.EndsWith("Valid keys: model, artifact, metrics, canarySteps, keep, analysis, routers.", error.Message);
    }

    private static string Policy(string extra) =>
        $$$"""{"model": "sentiment", "analysis": [{"name": "errors", "source": "file", "query": "{{model}}/{{version}}/error_rate", "successCondition": "canary <= 0.01", {{{extra}}}}]}""";
}
