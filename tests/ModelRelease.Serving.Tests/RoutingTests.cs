using ModelRelease.Serving.Tests.Fixtures;
using ModelRelease.Testing;

namespace ModelRelease.Serving.Tests;

[Collection(ServingCollection.Name)]
public sealed class RoutingTests(TrainedSentiment models) : IDisposable
{
    private readonly ServingRoot _root = new();

    [Fact]
    public async Task Should_Route_Within_Five_Points_Of_The_Weights_Over_2000_Requests()
    {
        _root.AddVersion("sentiment", "v1", 1, models.Good);
        _root.AddVersion("sentiment", "v2", 2, models.Better);
        _root.Configure("sentiment", [("stable", "v1", 1, 70), ("canary", "v2", 2, 30)]);
        await using var server = await ModelServer.StartAsync(new ServingOptions { Root = _root.Path, Port = 0, RoutingSeed = 12 });
        using var client = new HttpClient { BaseAddress = server.Address };
        var review = Requests.Reviews(1);

        var answeredBy = new Dictionary<string, int>();
        for (var i = 0; i < 2000; i++)
        {
            using var response = await client.PostAsync("v1/models/sentiment:predict", Requests.Body(review));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            var version = Requests.Header(response, "X-Model-Version");
            answeredBy[version] = answeredBy.GetValueOrDefault(version) + 1;
        }

        Assert.Equal(["v1", "v2"], answeredBy.Keys.Order());
        Assert.InRange(answeredBy["v2"] / 2000.0, 0.25, 0.35);
    }

    [Fact]
    public async Task Should_Answer_From_The_Version_Or_Label_The_Path_Names()
    {
        _root.AddVersion("sentiment", "v1", 1, models.Good);
        _root.AddVersion("sentiment", "v2", 2, models.Better);
        _root.Configure("sentiment", [("stable", "v1", 1, 99), ("canary", "v2", 2, 1)]);
        await using var server = await ModelServer.StartAsync(new ServingOptions { Root = _root.Path, Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Address };

        using var byNumber = await client.PostAsync("v1/models/sentiment/versions/2:predict", Requests.Body(Requests.Reviews(3)));
        using var byLabel = await client.PostAsync("v1/models/sentiment/labels/canary:predict", Requests.Body(Requests.Reviews(3)));
        using var stable = await client.PostAsync("v1/models/sentiment/labels/stable:predict", Requests.Body(Requests.Reviews(3)));

        Assert.Equal(("v2", "2"), (Requests.Header(byNumber, "X-Model-Version"), Requests.Header(byNumber, "X-Model-Version-Number")));
        Assert.Equal("v2", Requests.Header(byLabel, "X-Model-Version"));
        Assert.Equal("v1", Requests.Header(stable, "X-Model-Version"));
        Assert.Equal(3, (await Requests.PredictionsAsync(byNumber)).Count);
    }

    [Fact]
    public async Task Should_Send_No_Traffic_To_A_Routed_Version_That_Failed_To_Load()
    {
        _root.AddVersion("sentiment", "v1", 1, models.Good);
        _root.AddBrokenVersion("sentiment", "v2", 2);
        _root.Configure("sentiment", [("stable", "v1", 1, 50), ("canary", "v2", 2, 50)]);
        await using var server = await ModelServer.StartAsync(new ServingOptions { Root = _root.Path, Port = 0, RoutingSeed = 3 });
        using var client = new HttpClient { BaseAddress = server.Address };

        for (var i = 0; i < 50; i++)
        {
            using var response = await client.PostAsync("v1/models/sentiment:predict", Requests.Body(Requests.Reviews(1)));
            Assert.True(response.IsSuccessStatusCode);
            Assert.Equal("v1", Requests.Header(response, "X-Model-Version"));
        }
    }

    public void Dispose() => _root.Dispose();
}
