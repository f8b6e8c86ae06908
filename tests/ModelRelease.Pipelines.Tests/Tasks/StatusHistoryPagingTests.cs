using System.Text.Json;
using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>Status shows the newest live versions (and every labelled one); History pages back from the newest event.</summary>
public abstract class StatusHistoryPagingTests : IDisposable
{
    private readonly ReleaseHost _host;

    protected StatusHistoryPagingTests(StoreKind kind)
    {
        _host = new ReleaseHost(kind);
        // v1 stable, then golden; v2..v5 pushed; v5 promoted; Prune --keep=2 leaves v5, v4 and golden v1 live.
        _host.Push("v1");
        _host.Do("Promote", "--version=v1");
        _host.Do("Label", "--label=golden", "--version=v1");
        foreach (var name in new[] { "v2", "v3", "v4", "v5" })
        {
            _host.Push(name);
        }

        _host.Do("Promote", "--version=v5");
        _host.Do("Prune", "--keep=2");
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Should_Show_Live_Versions_By_Default_And_Say_How_Many_Are_Not_Shown()
    {
        var run = _host.Do("Status");

        Assert.Contains(Flat("mnist: 3 live, 2 pruned"), Flat(run.Out));
        Assert.DoesNotContain("v2", run.Out);
        Assert.DoesNotContain("v3", run.Out);
        Assert.Contains("v4", run.Out);
        Assert.Contains(Flat("2 older or pruned versions are not shown: --limit=N shows more, --all shows pruned ones too."), Flat(run.Out));
    }

    [Fact]
    public void Should_Show_The_Newest_N_And_Every_Labelled_Version_With_Limit()
    {
        var run = _host.Do("Status", "--limit=1", "--format=json");

        using var json = JsonDocument.Parse(run.Out);
        var model = json.RootElement.GetProperty("models").EnumerateArray().Single();
        var names = model.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToList();
        Assert.Equal(["v5", "v1"], names);
        var counts = model.GetProperty("versionCounts");
        Assert.Equal((3, 2, 2), (counts.GetProperty("live").GetInt32(), counts.GetProperty("pruned").GetInt32(), counts.GetProperty("shown").GetInt32()));
    }

    [Fact]
    public void Should_Show_Pruned_Versions_Too_With_All()
    {
        var run = _host.Do("Status", "--all", "--format=json");

        using var json = JsonDocument.Parse(run.Out);
        var versions = json.RootElement.GetProperty("models")[0].GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["v5", "v4", "v3", "v2", "v1"], versions.Select(v => v.GetProperty("name").GetString()));
        Assert.Equal([false, false, true, true, false], versions.Select(v => v.GetProperty("pruned").GetBoolean()));
    }

    [Fact]
    public void Should_Page_History_Newest_First_And_Continue_From_Before()
    {
        var everything = Events(_host.Do("History", "--format=json").Out, out var noMore);
        var first = Events(_host.Do("History", "--limit=3", "--format=json").Out, out var next);
        var second = Events(_host.Do("History", "--limit=3", $"--before={next}", "--format=json").Out, out _);

        Assert.Null(noMore);
        Assert.True(everything.Count > 6, $"the setup writes more than two pages of events, got {everything.Count}");
        Assert.Equal(everything.OrderByDescending(id => id), everything);
        Assert.Equal(everything.Take(3), first);
        Assert.Equal(first[^1], next);
        Assert.Equal(everything.Skip(3).Take(3), second);
    }

    [Fact]
    public void Should_Tell_How_To_Reach_The_Next_Page_In_The_Table()
    {
        var ids = Events(_host.Do("History", "--format=json").Out, out _);

        var run = _host.Do("History", "--limit=2");

        Assert.Contains($"--before={ids[1]}", Flat(run.Out));
        Assert.Contains("Auditlog:newest2events,newestfirst", Flat(run.Out));
    }

    [Fact]
    public void Should_Refuse_A_Before_That_Is_Not_An_Event_Id()
    {
        var run = _host.Run("--target=History", "--before=yesterday");

        run.AssertExit(2);
        Assert.Contains("--before", run.Error);
    }

    private static List<long> Events(string output, out long? before)
    {
        using var json = JsonDocument.Parse(output);
        var next = json.RootElement.GetProperty("next");
        before = next.ValueKind == JsonValueKind.Null ? null : next.GetProperty("before").GetInt64();
        return json.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
    }

    private static string Flat(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c is not ('│' or '─' or '┌' or '┐' or '└' or '┘')));
}
