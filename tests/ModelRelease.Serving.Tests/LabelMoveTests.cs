using System.Collections.Concurrent;
using ModelRelease.Serving.Tests.Fixtures;
using ModelRelease.Testing;

namespace ModelRelease.Serving.Tests;

[Collection(ServingCollection.Name)]
public sealed class LabelMoveTests(TrainedSentiment models) : IDisposable
{
    private readonly ServingRoot _root = new();

    [Fact]
    public async Task Should_Lose_No_Request_While_Labels_Move()
    {
        _root.AddVersion("sentiment", "v1", 1, models.Good);
        _root.AddVersion("sentiment", "v2", 2, models.Better);
        _root.AddVersion("sentiment", "v3", 3, models.Shuffled);
        _root.Configure("sentiment", [("stable", "v1", 1, 100)]);
        var log = new ConcurrentQueue<string>();
        await using var server = await ModelServer.StartAsync(new ServingOptions { Root = _root.Path, Port = 0, PollInterval = TimeSpan.FromMilliseconds(20), Log = log.Enqueue });
        using var client = new HttpClient { BaseAddress = server.Address };
        var failures = new ConcurrentQueue<string>();
        var answeredBy = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();

        var clients = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            var reviews = Requests.Reviews(20, seed: c);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                using var response = await client.PostAsync("v1/models/sentiment:predict", Requests.Body([reviews[i % reviews.Count]]));
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    failures.Enqueue($"{(int)response.StatusCode}: {body}");
                    continue;
                }

                Assert.Single(await Requests.PredictionsAsync(response));
                answeredBy.AddOrUpdate(Requests.Header(response, "X-Model-Version"), 1, (_, n) => n + 1);
            }
        })).ToList();

        // Canary v2, step it up, promote it and drop v1, canary v3, roll it back (drop v3): each move waits for
        // traffic to see it before the next.
        (string, string, long, int)[][] moves =
        [
            [("stable", "v1", 1, 90), ("canary", "v2", 2, 10)],
            [("stable", "v1", 1, 50), ("canary", "v2", 2, 50)],
            [("stable", "v2", 2, 100)],
            [("stable", "v2", 2, 80), ("canary", "v3", 3, 20)],
            [("stable", "v2", 2, 100)],
        ];
        foreach (var move in moves)
        {
            _root.Configure("sentiment", move);
            await Task.Delay(400);
        }

        var afterwards = answeredBy.ToDictionary();
        await Task.Delay(400);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Empty(failures);
        Assert.Equal(["v1", "v2", "v3"], afterwards.Keys.Order());
        var states = server.States("sentiment").ToDictionary(s => s.Version, s => s.State);
        Assert.Equal(ServedState.End, states["v1"]);
        Assert.Equal(ServedState.End, states["v3"]);
        Assert.Equal(ServedState.Available, states["v2"]);
        // Traffic after the last move went to v2 only.
        Assert.Equal(afterwards["v1"], answeredBy["v1"]);
        Assert.Equal(afterwards["v3"], answeredBy["v3"]);
        Assert.True(answeredBy["v2"] > afterwards["v2"], "v2 took no traffic after the last move");
        Assert.Contains(log, line => line.StartsWith("Unloaded sentiment version 1 (v1)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Keep_Serving_When_Models_Config_Becomes_Malformed()
    {
        _root.AddVersion("sentiment", "v1", 1, models.Good);
        _root.Configure("sentiment", [("stable", "v1", 1, 100)]);
        var log = new ConcurrentQueue<string>();
        await using var server = await ModelServer.StartAsync(new ServingOptions { Root = _root.Path, Port = 0, PollInterval = TimeSpan.FromMilliseconds(20), Log = log.Enqueue });
        using var client = new HttpClient { BaseAddress = server.Address };

        _root.Replace("models.config", "model_config_list {\n  config {\n    name: \"sentiment\"\n");
        for (var i = 0; i < 100 && !log.Any(l => l.StartsWith("Kept", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(20);
        }

        using var response = await client.PostAsync("v1/models/sentiment:predict", Requests.Body(Requests.Reviews(1)));
        Assert.True(response.IsSuccessStatusCode);
        Assert.Contains(log, l => l.StartsWith("Kept the models served so far", StringComparison.Ordinal) && l.Contains("ends inside a block", StringComparison.Ordinal));
        Assert.Equal(ServedState.Available, Assert.Single(server.States("sentiment")).State);
    }

    public void Dispose() => _root.Dispose();
}
