using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ModelRelease.Samples.Sentiment;

namespace ModelRelease.Serving.Tests.Fixtures;

/// <summary>Predict requests as a client sends them, and what the answers say.</summary>
public static class Requests
{
    /// <summary>Labelled reviews the models never trained on.</summary>
    public static IReadOnlyList<Review> Reviews(int count, int seed = 5) => SentimentData.Generate(SentimentData.RequestsDataset, count, seed);

    public static StringContent Body(IEnumerable<Review> reviews, bool labelled = false)
    {
        var list = reviews.ToList();
        var body = new JsonObject { ["instances"] = new JsonArray(list.Select(r => (JsonNode)new JsonObject { ["text"] = r.Text }).ToArray()) };
        if (labelled)
        {
            body["labels"] = new JsonArray(list.Select(r => (JsonNode)(r.Positive ? 1 : 0)).ToArray());
        }

        return Json(body.ToJsonString());
    }

    public static StringContent Json(string text) => new(text, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public static string Header(HttpResponseMessage response, string name) => response.Headers.TryGetValues(name, out var values) ? values.Single() : "";

    /// <summary>The answer's predictions, each checked to be a valid one from the sentiment model (a probability in [0, 1] and a boolean label).</summary>
    public static async Task<JsonArray> PredictionsAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var predictions = body["predictions"]!.AsArray();
        foreach (var prediction in predictions)
        {
            var probability = prediction!["Probability"]!.GetValue<double>();
            Assert.InRange(probability, 0, 1);
            _ = prediction["PredictedLabel"]!.GetValue<bool>();
        }

        return predictions;
    }
}
