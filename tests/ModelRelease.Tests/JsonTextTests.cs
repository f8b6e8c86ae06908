using System.Text.Json;
using ModelRelease.Internal;
using ModelRelease.Internal.Sql;

namespace ModelRelease.Tests;

/// <summary>
/// The documents written without JsonSerializer are the serializer's own text, so files and rows written by an older
/// host read back, and an older host reads what this one writes; a document of another shape is refused.
/// </summary>
public sealed class JsonTextTests
{
    private static readonly JournalEntry Entry = new(
        "push-model-a-1", "push", "model-a", 4242, 638_000_000_000_000_000, "ci-runner \"7\"",
        new DateTimeOffset(2026, 12, 3, 2, 9, 10, 123, TimeSpan.Zero).AddTicks(4567),
        ["model-a/1", "model-a/ümlaut <dir>"], []);

    [Fact]
    public void Should_Write_A_Journal_Entry_As_The_Serializer_Did()
    {
        Assert.Equal(JsonSerializer.Serialize(Entry, new JsonSerializerOptions { WriteIndented = true }), Entry.ToJson());
    }

    [Fact]
    public void Should_Read_A_Journal_Entry_The_Serializer_Wrote()
    {
        var read = JournalEntry.FromJson(JsonSerializer.Serialize(Entry));

        Assert.Equal(Entry with { Creates = read.Creates, Removes = read.Removes }, read);
        Assert.Equal(Entry.Creates, read.Creates);
        Assert.Empty(read.Removes);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"Id":"a","Operation":"push","Model":"m","Pid":"1","ProcessStart":1,"Host":"h","StartedAt":"2026-12-03T00:00:00+00:00","Creates":[],"Removes":[]}""")]
    [InlineData("""{"Id":"a","Operation":"push","Model":"m","Pid":1,"ProcessStart":1,"Host":"h","StartedAt":"yesterday","Creates":[],"Removes":[]}""")]
    [InlineData("""{"Id":"a","Operation":"push","Model":"m","Pid":1,"ProcessStart":1,"Host":"h","StartedAt":"2026-12-03T00:00:00+00:00","Creates":[1],"Removes":[]}""")]
    [InlineData("""{"Id":"a","Operation":"push","Model":"m","Pid":1,"ProcessStart":1,"Host":"h","StartedAt":"2026-12-03T00:00:00+00:00","Creates":[]}""")]
    [InlineData("""{"Id":"a",""")]
    public void Should_Refuse_A_Journal_Entry_Of_Another_Shape(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JournalEntry.FromJson(json));
    }

    [Fact]
    public void Should_Write_A_Manifest_As_The_Serializer_Did_And_Read_It_Back()
    {
        var manifest = VersionManifest.FromEntries([new("saved_model.pb", 12, "ab"), new("variables/", 0, ""), new("assets/<v>ü.txt", 3, "cd")]);
        var serializerText = JsonSerializer.Serialize(manifest.Entries, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });

        Assert.Equal(serializerText, manifest.ToJson());
        Assert.Equal(manifest.Entries, VersionManifest.FromJson(serializerText).Entries);
        Assert.Equal(manifest.Digest, VersionManifest.FromJson(serializerText).Digest);
    }

    [Fact]
    public void Should_Write_A_Map_Of_Strings_As_The_Serializer_Did()
    {
        var arguments = new Dictionary<string, string?> { ["model"] = "m", ["reason"] = "a \"quoted\" <reason> ü", ["to"] = null };

        Assert.Equal(JsonSerializer.Serialize<IReadOnlyDictionary<string, string?>>(arguments), JsonText.StringMap(arguments));
    }

    [Fact]
    public void Should_Write_Hyperparameters_And_Metrics_As_The_Serializer_Did()
    {
        IReadOnlyDictionary<string, string> hyperparameters = new Dictionary<string, string> { ["lr"] = "0.01", ["note"] = "a \"quoted\" <note> ü", ["empty"] = "" };
        IReadOnlyDictionary<string, double> metrics = new Dictionary<string, double>
        {
            ["accuracy"] = 0.9125, ["loss"] = 1e-7, ["count"] = 3, ["huge"] = 1.7976931348623157e308, ["third"] = 1.0 / 3, ["negative zero"] = -0.0,
        };

        Assert.Equal(JsonSerializer.Serialize(hyperparameters), JsonText.StringMap(hyperparameters!));
        Assert.Equal(JsonSerializer.Serialize(metrics), JsonText.NumberDictionary(metrics));
        Assert.Equal(JsonSerializer.Serialize(new Dictionary<string, double>()), JsonText.NumberDictionary(new Dictionary<string, double>()));
    }

    [Fact]
    public void Should_Write_Evidence_Objects_As_The_Serializer_Wrote_Anonymous_Ones()
    {
        // The shape of a push's evidence (see VersionPublisher), written both ways.
        var text = JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("digest", "sha256:ab<c>'d");
            json.WriteNumber("number", 7L);
            json.WriteNumber("files", 9);
            json.WriteNumber("bytes", 1L << 40);
            json.WriteEndObject();
        });

        Assert.Equal(JsonSerializer.Serialize(new { digest = "sha256:ab<c>'d", number = 7L, files = 9, bytes = 1L << 40 }), text);
    }

    [Fact]
    public void Should_Read_Hyperparameters_And_Metrics_The_Serializer_Wrote()
    {
        var hyperparameters = new Dictionary<string, string> { ["lr"] = "0.01", ["optimizer"] = "adam" };
        var metrics = new Dictionary<string, double> { ["accuracy"] = 0.9125, ["loss"] = 1e-7, ["count"] = 3 };

        Assert.Equal(hyperparameters, SqlValues.ParseStringMap(JsonSerializer.Serialize(hyperparameters)));
        Assert.Equal(metrics, SqlValues.ParseNumberMap(JsonSerializer.Serialize(metrics)));
    }

    [Theory]
    [InlineData("""{"accuracy":"high"}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"accuracy":1e999}""")]
    public void Should_Refuse_Metrics_That_Are_Not_Finite_Numbers(string json)
    {
        Assert.ThrowsAny<JsonException>(() => SqlValues.ParseNumberMap(json));
    }

    [Fact]
    public void Should_Refuse_A_Null_Document_As_An_Empty_Value()
    {
        Assert.Throws<RegistryException>(() => SqlValues.ParseStringMap("null"));
        Assert.Throws<RegistryException>(() => VersionManifest.FromJson("null"));
    }
}
