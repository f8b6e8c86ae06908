using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests.Analysis;

public sealed class FileMetricSourceTests : IDisposable
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Should_Read_A_Value_By_Model_Version_And_Metric_With_Or_Without_The_Prefix()
    {
        var path = _directory.WriteFile("metrics.json", """{"sentiment": {"v2": {"error_rate": 0.012, "latency_ms": 80}}}""");
        var source = new FileMetricSource(path);

        var plain = await source.QueryAsync("sentiment/v2/error_rate", At);
        var prefixed = await source.QueryAsync("file:sentiment/v2/latency_ms", At);

        Assert.Equal("file", source.Name);
        Assert.Equal(0.012, plain.Value);
        Assert.Equal("0.012", plain.Raw);
        Assert.Equal(80, prefixed.Value);
    }

    [Theory]
    [InlineData("other/v2/error_rate", "metrics file has no model 'other'")]
    [InlineData("sentiment/v9/error_rate", "metrics file has no version 'v9' of model 'sentiment'")]
    [InlineData("sentiment/v2/f1", "metrics file has no metric 'f1' for sentiment/v2")]
    [InlineData("sentiment/v2/accuracy", "metric 'accuracy' of sentiment/v2 is null")]
    [InlineData("sentiment/v2/loss", "the value is NaN")]
    public async Task Should_Answer_No_Data_Naming_What_Is_Missing(string query, string detail)
    {
        var path = _directory.WriteFile("metrics.json", """{"sentiment": {"v2": {"error_rate": 0.012, "accuracy": null, "loss": NaN}}}""");

        var result = await new FileMetricSource(path).QueryAsync(query, At);

        Assert.True(result.IsNoData);
        Assert.Equal(detail, result.Detail);
    }

    [Fact]
    public async Task Should_Read_Infinities_As_Values()
    {
        var path = _directory.WriteFile("metrics.json", """{"m": {"v": {"a": Infinity, "b": "-Infinity"}}}""");
        var source = new FileMetricSource(path);

        Assert.Equal(double.PositiveInfinity, (await source.QueryAsync("m/v/a", At)).Value);
        Assert.Equal(double.NegativeInfinity, (await source.QueryAsync("m/v/b", At)).Value);
    }

    [Fact]
    public async Task Should_Fail_As_Unreachable_When_The_File_Is_Missing()
    {
        var path = _directory.Combine("missing.json");

        var result = await new FileMetricSource(path).QueryAsync("m/v/x", At);

        Assert.Equal(MetricErrorKind.Unreachable, result.ErrorKind);
        Assert.Contains($"Metrics file '{path}' not found", result.Detail);
    }

    [Theory]
    [InlineData("{\"m\": ", "is not valid JSON")]
    [InlineData("[1, 2]", "is an array, not an object of model → version → metric")]
    [InlineData("{\"m\": {\"v\": {\"x\": \"fast\"}}}", "m/v/x is the string \"fast\", not a number")]
    [InlineData("{\"m\": {\"v\": {\"x\": true}}}", "m/v/x is the boolean true, not a number")]
    [InlineData("{\"m\": {\"v\": 3}}", "m/v is the number 3, not an object of metric → number")]
    [InlineData("{\"m\": []}", "model 'm' is an array, not an object of version → metrics")]
    public async Task Should_Fail_As_Malformed_When_The_File_Is_Not_A_Metrics_File(string content, string detail)
    {
        var path = _directory.WriteFile("metrics.json", content);

        var result = await new FileMetricSource(path).QueryAsync("m/v/x", At);

        Assert.Equal(MetricErrorKind.MalformedResponse, result.ErrorKind);
        Assert.Contains(detail, result.Detail);
    }

    [Theory]
    [InlineData("m/v")]
    [InlineData("m/v/x/y")]
    [InlineData("m//x")]
    public async Task Should_Reject_A_Query_That_Is_Not_Model_Version_Metric(string query)
    {
        var path = _directory.WriteFile("metrics.json", "{}");

        var result = await new FileMetricSource(path).QueryAsync(query, At);

        Assert.Equal(MetricErrorKind.QueryRejected, result.ErrorKind);
        Assert.Equal($"file query '{query}' is not model/version/metric; write it like {{{{model}}}}/{{{{version}}}}/error_rate", result.Detail);
    }

    [Fact]
    public async Task Should_Read_The_File_Again_On_Every_Query()
    {
        var path = _directory.Combine("metrics.json");
        var source = new FileMetricSource(path);
        FileMetricSource.SetValue(path, "m", "v1", "error_rate", 0.5);

        var before = await source.QueryAsync("m/v1/error_rate", At);
        FileMetricSource.SetValue(path, "m", "v1", "error_rate", 0.001);
        var after = await source.QueryAsync("m/v1/error_rate", At);

        Assert.Equal(0.5, before.Value);
        Assert.Equal(0.001, after.Value);
    }

    [Fact]
    public async Task Should_Keep_Other_Entries_When_Setting_A_Value()
    {
        var path = _directory.WriteFile("metrics.json", """{"m": {"v1": {"a": 1}}, "other": {"v": {"x": 2}}}""");

        FileMetricSource.SetValue(path, "m", "v1", "b", 3);
        FileMetricSource.SetValue(path, "m", "v2", "a", null);
        FileMetricSource.SetValue(path, "m", "v1", "c", double.NaN);
        var source = new FileMetricSource(path);

        Assert.Equal(1, (await source.QueryAsync("m/v1/a", At)).Value);
        Assert.Equal(3, (await source.QueryAsync("m/v1/b", At)).Value);
        Assert.True((await source.QueryAsync("m/v1/c", At)).IsNoData);
        Assert.Equal("metric 'a' of m/v2 is null", (await source.QueryAsync("m/v2/a", At)).Detail);
        Assert.Equal(2, (await source.QueryAsync("other/v/x", At)).Value);
        Assert.Equal(["metrics.json"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Should_Refuse_To_Set_A_Value_Under_An_Entry_That_Is_Not_An_Object()
    {
        var path = _directory.WriteFile("metrics.json", """{"m": 5}""");

        var error = Assert.Throws<RegistryException>(() => FileMetricSource.SetValue(path, "m", "v", "x", 1));

        Assert.Equal($"Metrics file '{path}': 'm' holds a value, not an object of entries. Fix or remove that entry.", error.Message);
        Assert.Equal("""{"m": 5}""", File.ReadAllText(path));
    }

    [Fact]
    public async Task Should_Stop_When_Cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new FileMetricSource(_directory.Combine("x.json")).QueryAsync("m/v/x", At, cancelled.Token));
    }
}
