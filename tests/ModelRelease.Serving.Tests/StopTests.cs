using System.Net;
using ModelRelease.Serving.Tests.Fixtures;
using ModelRelease.Testing;

namespace ModelRelease.Serving.Tests;

[Collection(ServingCollection.Name)]
public sealed class StopTests(TrainedSentiment models) : IDisposable
{
    private readonly ServingRoot _root = new();

    [Fact]
    public async Task Should_Let_An_In_Flight_Request_Finish_When_Stopping()
    {
        _root.AddVersion("sentiment", "v1", 1, models.Good);
        _root.Configure("sentiment", [("stable", "v1", 1, 100)]);
        var server = await ModelServer.StartAsync(new ServingOptions { Root = _root.Path, Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Address };
        var body = new SlowContent("{\"instances\":[{\"text\":\"a great film\"}]}");

        var request = client.PostAsync("v1/models/sentiment:predict", body);
        await body.HalfSent.Task;
        await Task.Delay(300);
        var stopping = server.StopAsync();
        await Task.Delay(300);
        Assert.False(stopping.IsCompleted, "StopAsync returned while a request was in flight");
        body.Finish.SetResult();

        using var response = await request;
        await stopping;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await Requests.PredictionsAsync(response));
        Assert.Equal(ServedState.End, Assert.Single(server.States("sentiment")).State);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync("v1/models/sentiment:predict", Requests.Body(Requests.Reviews(1))));
        await server.DisposeAsync();
    }

    public void Dispose() => _root.Dispose();

    /// <summary>A body sent in two halves: the second only when the test says, so the request stays in flight.</summary>
    private sealed class SlowContent(string text) : HttpContent
    {
        public TaskCompletionSource HalfSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            var half = bytes.Length / 2;
            await stream.WriteAsync(bytes.AsMemory(0, half));
            await stream.FlushAsync();
            HalfSent.SetResult();
            await Finish.Task;
            await stream.WriteAsync(bytes.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = System.Text.Encoding.UTF8.GetByteCount(text);
            return true;
        }
    }
}
