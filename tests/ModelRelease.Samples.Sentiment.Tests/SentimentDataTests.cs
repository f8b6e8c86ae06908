using System.Text.Json;

namespace ModelRelease.Samples.Sentiment.Tests;

public sealed class SentimentDataTests
{
    [Fact]
    public void Should_Generate_The_Same_Rows_For_The_Same_Arguments()
    {
        Assert.Equal(SentimentData.Generate("reviews-2026-09", 300, 1), SentimentData.Generate("reviews-2026-09", 300, 1));
    }

    [Fact]
    public void Should_Generate_Rows_Fixed_Across_Machines_And_Runtimes()
    {
        // Pinned, so a change to the generator (or a dependency on the platform's Random) shows up as a failure here.
        var first = SentimentData.Generate("reviews-2026-09", 1, 1)[0];

        Assert.Equal(new Review("but waste again weak really i camera actor script screen but happy plot", false, "movies"), first);
    }

    [Fact]
    public void Should_Generate_Other_Rows_For_Another_Dataset_Or_Seed()
    {
        var rows = SentimentData.Generate("reviews-2026-09", 100, 1);

        Assert.NotEqual(rows, SentimentData.Generate("reviews-2026-10", 100, 1));
        Assert.NotEqual(rows, SentimentData.Generate("reviews-2026-09", 100, 2));
        Assert.Equal(rows.Take(50), SentimentData.Generate("reviews-2026-09", 50, 1));
    }

    [Fact]
    public void Should_Generate_Lower_Case_Reviews_Of_4_To_16_Words_In_Both_Slices_And_Labels()
    {
        var rows = SentimentData.Generate("reviews-2026-09", 2000, 1);

        Assert.All(rows, row =>
        {
            var words = row.Text.Split(' ');
            Assert.InRange(words.Length, 4, 16);
            Assert.All(words, word => Assert.Matches("^[a-z]+$", word));
            Assert.Contains(row.Slice, new[] { "movies", "products" });
        });
        Assert.InRange(rows.Count(row => row.Positive), 900, 1100);
        Assert.InRange(rows.Count(row => row.Slice == "movies"), 900, 1100);
        Assert.Equal(4, rows.Min(row => row.Text.Split(' ').Length));
        Assert.Equal(16, rows.Max(row => row.Text.Split(' ').Length));
    }

    [Fact]
    public void Should_Write_An_Evaluation_Set_As_Json_Lines_Of_Instance_Label_And_Slice()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("sentiment-eval-").FullName, "nested", "eval.jsonl");

        SentimentData.WriteEvaluationSet(path, 20);

        var lines = File.ReadAllLines(path);
        var expected = SentimentData.Generate(SentimentData.HoldoutDataset, 20, 99);
        Assert.Equal(20, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            Assert.Equal(["instance", "label", "slice"], json.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal(expected[i].Text, json.RootElement.GetProperty("instance").GetProperty("text").GetString());
            Assert.Equal(expected[i].Positive ? 1 : 0, json.RootElement.GetProperty("label").GetInt32());
            Assert.Equal(expected[i].Slice, json.RootElement.GetProperty("slice").GetString());
        }

        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(path))!, recursive: true);
    }

    [Fact]
    public void Should_Write_Requests_As_Predict_Bodies_Of_One_Instance()
    {
        var directory = Directory.CreateTempSubdirectory("sentiment-requests-").FullName;
        var path = Path.Combine(directory, "requests.jsonl");

        SentimentData.WriteRequests(path, 5);

        var lines = File.ReadAllLines(path);
        Assert.Equal(5, lines.Length);
        Assert.All(lines, line =>
        {
            using var json = JsonDocument.Parse(line);
            var instance = Assert.Single(json.RootElement.GetProperty("instances").EnumerateArray());
            Assert.Equal("text", Assert.Single(instance.EnumerateObject()).Name);
        });
        Assert.DoesNotContain(lines, line => line.Contains('\r'));
        Assert.Equal(["requests.jsonl"], Directory.GetFiles(directory).Select(Path.GetFileName));
        Directory.Delete(directory, recursive: true);
    }
}
