using System.Globalization;
using System.Text.RegularExpressions;
using ModelRelease.Serving.Tests.Fixtures;
using ModelRelease.Testing;

namespace ModelRelease.Serving.Tests;

[Collection(ServingCollection.Name)]
public sealed class MetricsTests(TrainedSentiment models) : IDisposable
{
    private readonly ServingRoot _root = new();

    [Fact]
    public async Task Should_Count_Requests_Errors_And_Live_Accuracy_Per_Version_Name()
    {
        _root.AddVersion("sentiment", "v-good", 20261202120000, models.Good);
        _root.AddVersion("sentiment", "v-bad", 20261202130000, models.Shuffled);
        _root.Configure("sentiment", [("stable", "v-good", 20261202120000, 90), ("canary", "v-bad", 20261202130000, 10)]);
        await using var server = await ModelServer.StartAsync(new ServingOptions { Root = _root.Path, Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Address };
        var reviews = Requests.Reviews(60);
        var right = new Dictionary<string, int> { ["v-good"] = 0, ["v-bad"] = 0 };

        // 12 labelled requests of 5 instances to the good version, 7 to the bad one, and 2 bad requests to the bad one.
        foreach (var (number, name, requests) in new[] { (20261202120000, "v-good", 12), (20261202130000, "v-bad", 7) })
        {
            for (var i = 0; i < requests; i++)
            {
                var batch = reviews.Skip(i * 5).Take(5).ToList();
                using var response = await client.PostAsync($"v1/models/sentiment/versions/{number}:predict", Requests.Body(batch, labelled: true));
                var predictions = await Requests.PredictionsAsync(response);
                right[name] += batch.Where((review, j) => predictions[j]!["PredictedLabel"]!.GetValue<bool>() == review.Positive).Count();
            }
        }

        using var noInstances = await client.PostAsync("v1/models/sentiment/versions/20261202130000:predict", Requests.Json("{}"));
        using var wrongInput = await client.PostAsync("v1/models/sentiment/versions/20261202130000:predict", Requests.Json("{\"instances\":[{\"review\":\"fine\"}]}"));

        var text = await client.GetStringAsync("metrics");

        Assert.Equal(12, Value(text, "requests_total{model=\"sentiment\",version=\"v-good\"}"));
        Assert.Equal(0, Value(text, "request_errors_total{model=\"sentiment\",version=\"v-good\"}"));
        Assert.Equal(9, Value(text, "requests_total{model=\"sentiment\",version=\"v-bad\"}"));
        Assert.Equal(2, Value(text, "request_errors_total{model=\"sentiment\",version=\"v-bad\"}"));
        Assert.Equal(12, Value(text, "request_duration_seconds_count{model=\"sentiment\",version=\"v-good\"}"));
        Assert.Equal(9, Value(text, "request_duration_seconds_count{model=\"sentiment\",version=\"v-bad\"}"));
        Assert.Equal(9, Value(text, "request_duration_seconds_bucket{model=\"sentiment\",version=\"v-bad\",le=\"+Inf\"}"));
        Assert.Equal(60, Value(text, "model_version_performance{model=\"sentiment\",version=\"v-good\",metric=\"labelled_total\"}"));
        Assert.Equal(35, Value(text, "model_version_performance{model=\"sentiment\",version=\"v-bad\",metric=\"labelled_total\"}"));
        Assert.Equal(right["v-good"] / 60.0, Value(text, "model_version_performance{model=\"sentiment\",version=\"v-good\",metric=\"accuracy\"}"), 12);
        Assert.Equal(right["v-bad"] / 35.0, Value(text, "model_version_performance{model=\"sentiment\",version=\"v-bad\",metric=\"accuracy\"}"), 12);
        Assert.Equal(1, Value(text, "serving_version_state{model=\"sentiment\",version=\"v-good\",number=\"20261202120000\",state=\"AVAILABLE\"}"));
        Assert.Equal(0, Value(text, "serving_version_state{model=\"sentiment\",version=\"v-good\",number=\"20261202120000\",state=\"END\"}"));
        var (exitCode, output) = Promtool.CheckMetrics(text);
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task Should_Keep_Accuracy_Over_The_Last_200_Labelled_Instances()
    {
        _root.AddVersion("sentiment", "v1", 1, models.Good);
        _root.Configure("sentiment", [("stable", "v1", 1, 100)]);
        await using var server = await ModelServer.StartAsync(new ServingOptions { Root = _root.Path, Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Address };
        var reviews = Requests.Reviews(250, seed: 9);

        var right = new List<bool>();
        foreach (var batch in reviews.Chunk(50))
        {
            // Every label inverted: the live accuracy is what the labels say, not what the model is worth.
            var flipped = batch.Select(r => r with { Positive = !r.Positive }).ToList();
            using var response = await client.PostAsync("v1/models/sentiment:predict", Requests.Body(flipped, labelled: true));
            var predictions = await Requests.PredictionsAsync(response);
            right.AddRange(flipped.Select((review, j) => predictions[j]!["PredictedLabel"]!.GetValue<bool>() == review.Positive));
        }

        var text = await client.GetStringAsync("metrics");
        Assert.Equal(250, Value(text, "model_version_performance{model=\"sentiment\",version=\"v1\",metric=\"labelled_total\"}"));
        Assert.Equal(right.Skip(50).Count(r => r) / 200.0, Value(text, "model_version_performance{model=\"sentiment\",version=\"v1\",metric=\"accuracy\"}"), 12);
    }

    public void Dispose() => _root.Dispose();

    private static double Value(string text, string series)
    {
        var match = Regex.Match(text, "^" + Regex.Escape(series) + " (\\S+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"no series {series} in:\n{text}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
