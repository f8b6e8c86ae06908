using ModelRelease.Pipelines.Output;

namespace ModelRelease.Pipelines.Tests.Output;

/// <summary>The streamed document is the very text the whole-document serializer writes, escapes included.</summary>
public sealed class JsonOutputTests
{
    [Fact]
    public void Should_Stream_The_Same_Text_As_Serializing_The_Whole_Document()
    {
        object[] items =
        [
            new { name = "v1", reason = "line\nbreak ##[error] \u202e bidi", nested = new { list = new[] { 1, 2 } } },
            new { name = "v2", reason = (string?)null, nested = new { list = Array.Empty<int>() } },
        ];
        var next = new { before = 42L };

        using var streamed = new StringWriter();
        JsonOutput.WriteDocument(streamed, "events", items, new Dictionary<string, object?> { ["next"] = next, ["none"] = null });

        Assert.Equal(JsonOutput.Serialize(new { events = items, next, none = (object?)null }) + Environment.NewLine, streamed.ToString());
    }

    [Fact]
    public void Should_Write_An_Empty_Array_As_The_Serializer_Does()
    {
        using var streamed = new StringWriter();
        JsonOutput.WriteDocument(streamed, "models", []);

        Assert.Equal(JsonOutput.Serialize(new { models = Array.Empty<object>() }) + Environment.NewLine, streamed.ToString());
    }
}
