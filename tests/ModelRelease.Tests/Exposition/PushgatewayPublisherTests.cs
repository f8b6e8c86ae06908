using System.Net;

namespace ModelRelease.Tests.Exposition;

public sealed class PushgatewayPublisherTests
{
    private sealed class Recorder(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public List<(HttpMethod Method, Uri Url, string ContentType, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.Method, request.RequestUri!, request.Content!.Headers.ContentType!.ToString(), await request.Content.ReadAsStringAsync(cancellationToken)));
            return new HttpResponseMessage(status) { Content = new StringContent(body) };
        }
    }

    [Fact]
    public async Task Should_Put_The_Exposition_To_The_Job_Group()
    {
        using var handler = new Recorder(HttpStatusCode.OK, "");
        using var publisher = new PushgatewayPublisher(new Uri("http://gateway:9091/prefix/"), handler);

        await publisher.PublishAsync("model.release", "a 1\n");

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("http://gateway:9091/prefix/metrics/job/model.release", request.Url.ToString());
        Assert.Equal(RegistryExposition.ContentType, request.ContentType);
        Assert.Equal("a 1\n", request.Body);
    }

    [Fact]
    public async Task Should_Report_A_Refusal_With_Status_And_Body()
    {
        using var handler = new Recorder(HttpStatusCode.BadRequest, "pushed metrics are invalid or inconsistent with existing metrics");
        using var publisher = new PushgatewayPublisher(new Uri("http://gateway:9091"), handler);

        var error = await Assert.ThrowsAsync<RegistryException>(() => publisher.PublishAsync("modelrelease", "a 1\n"));

        Assert.Contains("400", error.Message);
        Assert.Contains("inconsistent with existing metrics", error.Message);
        Assert.Contains("Check that --pushgateway", error.Message);
    }

    [Fact]
    public async Task Should_Name_The_Address_When_Nothing_Listens()
    {
        using var publisher = new PushgatewayPublisher(new Uri("http://127.0.0.1:1"));

        var error = await Assert.ThrowsAsync<RegistryException>(() => publisher.PublishAsync("modelrelease", "a 1\n"));

        Assert.Contains("Could not reach the Pushgateway at http://127.0.0.1:1/", error.Message);
    }

    [Theory]
    [InlineData("http://localhost:9091", true)]
    [InlineData("https://gw.example.com/push", true)]
    [InlineData("ftp://gw:21", false)]
    [InlineData("localhost:9091", false)]
    [InlineData("http://gw:9091/?x=1", false)]
    [InlineData("", false)]
    public void Should_Accept_Only_Http_And_Https_Base_Addresses(string url, bool valid)
    {
        Assert.Equal(valid, PushgatewayPublisher.UrlProblem(url) is null);
    }
}
