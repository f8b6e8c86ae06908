using System.Web;
using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests.Analysis;

public sealed class PrometheusMetricSourceTests
{
    private const string OneSeries = """{"status":"success","data":{"resultType":"vector","result":[{"metric":{"version":"v2"},"value":[1767268800,"0.0123"]}]}}""";
    private const string NoSeries = """{"status":"success","data":{"resultType":"vector","result":[]}}""";
    private const string TwoSeries = """{"status":"success","data":{"resultType":"vector","result":[{"metric":{"pod":"a"},"value":[1,"1"]},{"metric":{"pod":"b"},"value":[1,"2"]}]}}""";
    private const string Scalar = """{"status":"success","data":{"resultType":"scalar","result":[1767268800,"42.5"]}}""";
    private const string Rejected = """{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:6: parse error: unexpected end of input"}""";

    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, 250, TimeSpan.Zero);

    [Fact]
    public async Task Should_Read_The_Value_Of_One_Series()
    {
        await using var server = StubPrometheus.Always(OneSeries);

        var result = await Query(server, "sum(rate(errors_total[5m]))");

        Assert.Equal(0.0123, result.Value);
        Assert.Contains("\"0.0123\"", result.Raw);
    }

    [Fact]
    public async Task Should_Send_An_Instant_Query_At_The_Measurement_Time()
    {
        await using var server = StubPrometheus.Always(OneSeries);

        await Query(server, "sum(rate(errors_total{version=\"v2\"}[5m]))");

        var target = Assert.Single(server.Requests);
        Assert.StartsWith("/api/v1/query?", target);
        var parameters = HttpUtility.ParseQueryString(new Uri(server.BaseUrl, target).Query);
        Assert.Equal("sum(rate(errors_total{version=\"v2\"}[5m]))", parameters["query"]);
        Assert.Equal("1767268800.25", parameters["time"]);
    }

    [Fact]
    public async Task Should_Keep_A_Path_Prefix_Of_The_Base_Url()
    {
        await using var server = StubPrometheus.Always(OneSeries);
        using var source = new PrometheusMetricSource(new PrometheusSettings(new Uri(server.BaseUrl, "/prometheus/")));

        await source.QueryAsync("up", At);

        Assert.StartsWith("/prometheus/api/v1/query?query=up&time=", Assert.Single(server.Requests));
    }

    [Fact]
    public async Task Should_Answer_No_Data_When_No_Series_Match()
    {
        await using var server = StubPrometheus.Always(NoSeries);

        var result = await Query(server, "up");

        Assert.True(result.IsNoData);
        Assert.Equal("the query returned no series", result.Detail);
    }

    [Fact]
    public async Task Should_Ask_For_Aggregation_When_Several_Series_Match()
    {
        await using var server = StubPrometheus.Always(TwoSeries);

        var result = await Query(server, "up");

        Assert.Equal(MetricErrorKind.NotAScalar, result.ErrorKind);
        Assert.StartsWith("the query returned 2 series; aggregate with sum() or avg()", result.Detail);
    }

    [Fact]
    public async Task Should_Read_A_Scalar()
    {
        await using var server = StubPrometheus.Always(Scalar);

        Assert.Equal(42.5, (await Query(server, "scalar(up)")).Value);
    }

    [Theory]
    [InlineData("NaN", null)]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    public async Task Should_Read_Nan_As_No_Data_And_Infinities_As_Values(string sample, double? expected)
    {
        await using var server = StubPrometheus.Always("""{"status":"success","data":{"resultType":"scalar","result":[1,"SAMPLE"]}}""".Replace("SAMPLE", sample, StringComparison.Ordinal));

        var result = await Query(server, "x");

        Assert.Equal(expected, result.Value);
        Assert.Equal(expected is null, result.IsNoData);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(422)]
    public async Task Should_Report_Prometheus_Error_Text_When_It_Rejects_The_Query(int status)
    {
        await using var server = StubPrometheus.Always(Rejected, status);

        var result = await Query(server, "sum(");

        Assert.Equal(MetricErrorKind.QueryRejected, result.ErrorKind);
        Assert.Equal("Prometheus rejected the query (bad_data): invalid parameter \"query\": 1:6: parse error: unexpected end of input", result.Detail);
        Assert.Single(server.Requests); // a rejected query would be rejected again
    }

    [Fact]
    public async Task Should_Retry_A_Server_Error_And_Read_The_Answer_That_Follows()
    {
        await using var server = new StubPrometheus(n => n == 0 ? new StubReply(500, "boom") : new StubReply(200, OneSeries));

        var result = await Query(server, "up");

        Assert.Equal(0.0123, result.Value);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Should_Retry_Too_Many_Requests()
    {
        await using var server = new StubPrometheus(n => n < 2 ? new StubReply(429, "slow down") : new StubReply(200, Scalar));

        Assert.Equal(42.5, (await Query(server, "up")).Value);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Should_Give_Up_With_The_Http_Status_After_The_Retries()
    {
        await using var server = StubPrometheus.Always("upstream down", 503);

        var result = await Query(server, "up");

        Assert.Equal(MetricErrorKind.HttpStatus, result.ErrorKind);
        Assert.Equal("Prometheus answered HTTP 503 ServiceUnavailable (after 3 attempts)", result.Detail);
        Assert.Equal("upstream down", result.Raw);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Should_Not_Retry_Other_Http_Statuses()
    {
        await using var server = StubPrometheus.Always("<html>not found</html>", 404);

        var result = await Query(server, "up");

        Assert.Equal(MetricErrorKind.HttpStatus, result.ErrorKind);
        Assert.Equal("Prometheus answered HTTP 404 NotFound", result.Detail);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("<html>proxy</html>", "the response is not JSON")]
    [InlineData("""{"status":"success"}""", "the response is not a Prometheus query result: it has no \"status\": \"success\" with a \"data\" object")]
    [InlineData("""{"status":"success","data":{"resultType":"vector"}}""", "the response is not a Prometheus query result: \"data\" has no \"result\"")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{}}]}}""", "the response is not a Prometheus query result: the series has no \"value\"")]
    [InlineData("""{"status":"success","data":{"resultType":"scalar","result":[1, 2]}}""", "the response is not a Prometheus query result: a sample is not [time, \"value\"]")]
    [InlineData("""{"status":"success","data":{"resultType":"scalar","result":[1, "fast"]}}""", "the response is not a Prometheus query result: the sample value \"fast\" is not a number")]
    [InlineData("""{"status":"success","data":{"resultType":"histogram","result":[]}}""", "the response is not a Prometheus query result: \"resultType\" is \"histogram\"")]
    public async Task Should_Report_A_Malformed_Response(string body, string detail)
    {
        await using var server = StubPrometheus.Always(body);

        var result = await Query(server, "up");

        Assert.Equal(MetricErrorKind.MalformedResponse, result.ErrorKind);
        Assert.StartsWith(detail, result.Detail);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Should_Ask_For_A_Function_When_The_Query_Returns_A_Range_Vector()
    {
        await using var server = StubPrometheus.Always("""{"status":"success","data":{"resultType":"matrix","result":[]}}""");

        var result = await Query(server, "errors_total[5m]");

        Assert.Equal(MetricErrorKind.NotAScalar, result.ErrorKind);
        Assert.Contains("wrap the range selector in a function such as rate()", result.Detail);
    }

    [Fact]
    public async Task Should_Time_Out_A_Slow_Answer()
    {
        await using var server = new StubPrometheus(_ => new StubReply(200, OneSeries, TimeSpan.FromSeconds(30)));
        using var source = new PrometheusMetricSource(new PrometheusSettings(server.BaseUrl) { Timeout = TimeSpan.FromMilliseconds(200), Retries = 1, Backoff = TimeSpan.FromMilliseconds(10) });

        var result = await source.QueryAsync("up", At);

        Assert.Equal(MetricErrorKind.Timeout, result.ErrorKind);
        Assert.Equal($"{server.BaseUrl.ToString().TrimEnd('/')} did not answer within 200ms (after 2 attempts)", result.Detail);
    }

    [Fact]
    public async Task Should_Report_A_Closed_Port_As_Unreachable()
    {
        var url = new Uri($"http://127.0.0.1:{StubPrometheus.ClosedPort()}");
        using var source = new PrometheusMetricSource(new PrometheusSettings(url) { Retries = 1, Backoff = TimeSpan.FromMilliseconds(10) });

        var result = await source.QueryAsync("up", At);

        Assert.Equal(MetricErrorKind.Unreachable, result.ErrorKind);
        Assert.StartsWith($"could not reach Prometheus at {url.ToString().TrimEnd('/')}: ", result.Detail);
        Assert.EndsWith("(after 2 attempts)", result.Detail);
    }

    [Fact]
    public async Task Should_Stop_When_Cancelled_Instead_Of_Reporting_A_Timeout()
    {
        await using var server = new StubPrometheus(_ => new StubReply(200, OneSeries, TimeSpan.FromSeconds(30)));
        using var source = new PrometheusMetricSource(new PrometheusSettings(server.BaseUrl));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => source.QueryAsync("up", At, cancel.Token));
    }

    [Fact]
    public async Task Should_Send_Credentials_From_The_Url_Without_Showing_Them()
    {
        var url = new Uri($"http://ops:s3cret@127.0.0.1:{StubPrometheus.ClosedPort()}");
        using var source = new PrometheusMetricSource(new PrometheusSettings(url) { Retries = 0 });

        var result = await source.QueryAsync("up", At);

        Assert.DoesNotContain("s3cret", result.Detail);
        Assert.DoesNotContain("s3cret", new PrometheusSettings(url).ToString());
        Assert.Equal("prometheus", source.Name);
    }

    [Theory]
    [InlineData("http://localhost:9090")]
    [InlineData("https://prometheus.example.org/prom/")]
    public void Should_Parse_An_Http_Url(string url)
    {
        var settings = PrometheusSettings.Parse(url);

        Assert.Equal(new Uri(url), settings.BaseUrl);
        Assert.Equal((TimeSpan.FromSeconds(10), 2, TimeSpan.FromMilliseconds(500)), (settings.Timeout, settings.Retries, settings.Backoff));
    }

    [Theory]
    [InlineData("", "The Prometheus URL is empty. Give the server's address, e.g. http://localhost:9090.")]
    [InlineData("localhost:9090", "The Prometheus URL 'localhost:9090' has no http:// or https:// in front. Write the full address, e.g. http://localhost:9090.")]
    [InlineData("ftp://ops:hunter2@host/", "The Prometheus URL 'ftp://***@host/' uses 'ftp'; Prometheus is queried over http or https, e.g. http://localhost:9090.")]
    [InlineData("http://ops:hunter2@", "The Prometheus URL 'http://***@' is not a valid absolute URL. Give the server's address, e.g. http://localhost:9090.")]
    [InlineData("http://", "The Prometheus URL 'http://' is not a valid absolute URL.")]
    [InlineData("http://host:9090/?x=1", "The Prometheus URL 'http://host:9090/?x=1' has a query or fragment;")]
    public void Should_Refuse_A_Url_That_Is_Not_Http_Naming_The_Fix_Without_The_Password(string url, string message)
    {
        var error = Assert.Throws<RegistryException>(() => PrometheusSettings.Parse(url));

        Assert.StartsWith(message, error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    private static async Task<MetricResult> Query(StubPrometheus server, string query)
    {
        using var source = new PrometheusMetricSource(new PrometheusSettings(server.BaseUrl) { Backoff = TimeSpan.FromMilliseconds(10) });
        return await source.QueryAsync(query, At);
    }
}
