using System.Net;
using System.Text.Json.Nodes;
using ModelRelease.Serving.Tests.Fixtures;
using ModelRelease.Testing;

namespace ModelRelease.Serving.Tests;

[Collection(ServingCollection.Name)]
public sealed class BadRequestTests(TrainedSentiment models) : IDisposable
{
    private readonly ServingRoot _root = new();

    [Theory]
    [InlineData("{\"instances\":[{\"text\":", "not valid JSON")]
    [InlineData("{}", "no \"instances\"")]
    [InlineData("{\"instances\":[]}", "non-empty array")]
    [InlineData("{\"inputs\":{\"text\":[\"fine\"]}}", "row format")]
    [InlineData("{\"instances\":[{\"review\":\"fine\"}]}", "'text'")]
    [InlineData("{\"instances\":[{\"text\":\"fine\"}],\"labels\":[1,0]}", "array of 1 true labels")]
    [InlineData("{\"instances\":[{\"text\":\"fine\"}],\"labels\":[2]}", "labels[0]")]
    public async Task Should_Answer_400_With_A_Message_Naming_What_Is_Wrong(string body, string expected)
    {
        await using var server = await StartAsync();
        using var client = new HttpClient { BaseAddress = server.Address };

        using var response = await client.PostAsync("v1/models/sentiment:predict", Requests.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>();
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal("v1", Requests.Header(response, "X-Model-Version"));
    }

    [Theory]
    [InlineData("POST", "v1/models/nope:predict", HttpStatusCode.NotFound, "model 'nope' is not served here; served models: sentiment")]
    [InlineData("GET", "v1/models/nope", HttpStatusCode.NotFound, "model 'nope' is not served here")]
    [InlineData("POST", "v1/models/sentiment/versions/7:predict", HttpStatusCode.NotFound, "does not serve version 7; it serves 1")]
    [InlineData("POST", "v1/models/sentiment/labels/golden:predict", HttpStatusCode.NotFound, "no version labelled 'golden'")]
    [InlineData("POST", "v1/models/sentiment:classify", HttpStatusCode.NotFound, "No such endpoint")]
    public async Task Should_Answer_404_For_What_Is_Not_Served(string method, string path, HttpStatusCode status, string expected)
    {
        await using var server = await StartAsync();
        using var client = new HttpClient { BaseAddress = server.Address };

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? Requests.Body(Requests.Reviews(1)) : null });

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Answer_503_When_The_Model_Has_Nothing_Loaded()
    {
        _root.AddBrokenVersion("sentiment", "v1", 1);
        _root.Configure("sentiment", [("stable", "v1", 1, 100)]);
        await using var server = await ModelServer.StartAsync(new ServingOptions { Root = _root.Path, Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Address };

        using var response = await client.PostAsync("v1/models/sentiment:predict", Requests.Body(Requests.Reviews(1)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Should_Refuse_A_Root_Without_Models_Config()
    {
        var failure = await Assert.ThrowsAsync<RegistryException>(() => ModelServer.StartAsync(new ServingOptions { Root = _root.Path, Port = 0 }));

        Assert.Contains("has no models.config", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();

    private Task<ModelServer> StartAsync()
    {
        _root.AddVersion("sentiment", "v1", 1, models.Good);
        _root.Configure("sentiment", [("stable", "v1", 1, 100)]);
        return ModelServer.StartAsync(new ServingOptions { Root = _root.Path, Port = 0 });
    }
}
