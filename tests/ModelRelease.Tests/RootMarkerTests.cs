using ModelRelease.Internal;
using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests;

public sealed class RootMarkerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Should_Let_Exactly_One_Of_Two_Creators_Write_The_Marker()
    {
        // Given a new root
        var layout = new ServingLayout(_temp.Combine("root"));

        // When two jobs try to create its marker, one after the other (as two jobs with two stores would race)
        var first = RootMarker.TryCreate(layout, "0123456789abcdef0123456789abcdef", DateTimeOffset.UtcNow);
        var second = RootMarker.TryCreate(layout, "fedcba9876543210fedcba9876543210", DateTimeOffset.UtcNow);

        // Then the first wins, the second is told so and changes nothing, and no temporary file is left
        Assert.True(first);
        Assert.False(second);
        Assert.Equal("0123456789abcdef0123456789abcdef", RootMarker.Read(layout));
        Assert.Equal(["root.json"], Directory.GetFileSystemEntries(layout.StateDirectory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Should_Let_Exactly_One_Of_Many_Concurrent_Creators_Win()
    {
        var layout = new ServingLayout(_temp.Combine("root"));
        var ids = Enumerable.Range(0, 16).Select(_ => RootMarker.NewId()).ToList();

        var wins = await Task.WhenAll(ids.Select(id => Task.Run(() => RootMarker.TryCreate(layout, id, DateTimeOffset.UtcNow))));

        Assert.Single(wins, won => won);
        Assert.Equal(ids[Array.IndexOf(wins, true)], RootMarker.Read(layout));
    }

    [Theory]
    [InlineData("{garbage")]
    [InlineData("{\"format\": 1}")]
    [InlineData("{\"format\": 2, \"rootId\": \"0123456789abcdef0123456789abcdef\"}")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"format\": \"1\", \"rootId\": \"0123456789abcdef0123456789abcdef\"}")]
    [InlineData("{\"format\": 1.5, \"rootId\": \"0123456789abcdef0123456789abcdef\"}")]
    [InlineData("{\"format\": 1, \"rootId\": 12}")]
    [InlineData("{\"format\": 1, \"rootId\": \"0123456789abcdef0123456789abcdef\", \"generation\": \"3\"}")]
    [InlineData("{\"format\": 1, \"rootId\": \"0123456789abcdef0123456789abcdef\", \"generation\": 2.5}")]
    [InlineData("{\"format\": 1, \"rootId\": \"0123456789abcdef0123456789abcdef\", \"createdAt\": 7}")]
    public void Should_Call_A_Damaged_Marker_Damaged_And_Name_Adopt(string content)
    {
        var layout = new ServingLayout(_temp.Combine("root"));
        Directory.CreateDirectory(layout.StateDirectory);
        File.WriteAllText(layout.RootMarkerPath, content);

        var error = Assert.Throws<RegistryException>(() => RootMarker.Read(layout));

        Assert.Contains("is damaged", error.Message);
        Assert.Contains("Adopt", error.Message);
    }

    [Fact]
    public void Should_Write_The_Marker_As_Earlier_Versions_Did_And_Read_Its_Generation_Back()
    {
        // Given a root whose marker records generation 41
        var layout = new ServingLayout(_temp.Combine("root"));
        RootMarker.Write(layout, "0123456789abcdef0123456789abcdef", new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero), generation: 41);

        // When the store commits generation 42
        RootMarker.RecordGeneration(layout, 42);

        // Then the file has the text earlier versions wrote (indented, same order, one trailing line break), and reads back
        Assert.Equal(
            """
            {
              "format": 1,
              "rootId": "0123456789abcdef0123456789abcdef",
              "createdAt": "2026-12-03T08:00:00Z",
              "generation": 42,
              "note": "ModelRelease serving root. Its registry records the same rootId and this root\u0027s path."
            }

            """.ReplaceLineEndings("\n"),
            File.ReadAllText(layout.RootMarkerPath));
        Assert.Equal(new RootMarker.State("0123456789abcdef0123456789abcdef", "2026-12-03T08:00:00Z", 42), RootMarker.ReadState(layout));
    }

    [Fact]
    public void Should_Read_A_Marker_Without_Generation_Or_Creation_Time_As_Generation_Zero()
    {
        var layout = new ServingLayout(_temp.Combine("root"));
        Directory.CreateDirectory(layout.StateDirectory);
        File.WriteAllText(layout.RootMarkerPath, "{\"format\": 1, \"rootId\": \"0123456789abcdef0123456789abcdef\", \"generation\": null, \"extra\": [1, {}]}");

        Assert.Equal(new RootMarker.State("0123456789abcdef0123456789abcdef", "", 0), RootMarker.ReadState(layout));
    }
}
