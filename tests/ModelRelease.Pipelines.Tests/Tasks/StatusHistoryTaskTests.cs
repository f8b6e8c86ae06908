using System.Text.Json;
using ModelRelease.Testing;
using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

public abstract class StatusHistoryTaskTests : IDisposable
{
    private readonly ReleaseHost _host;

    protected StatusHistoryTaskTests(StoreKind kind)
    {
        _host = new ReleaseHost(kind);
        _host.Push("v1", accuracy: 0.91);
        _host.Do("Promote", "--version=v1");
        _host.Push("v2", accuracy: 0.93);
        _host.Do("Canary", "--weight=15");
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Should_Show_Versions_With_Provenance_Metrics_Blessing_Labels_And_Traffic()
    {
        var run = _host.Do("Status");

        Assert.Contains("v1", run.Out);
        Assert.Contains("v2", run.Out);
        Assert.Contains(_host.Commit[..12], run.Out);
        Assert.Contains("accuracy=0.93", run.Out);
        Assert.Contains("blessed", run.Out);
        Assert.Contains("canary 15%", run.Out);
        Assert.Contains("traffic: stable v1 85%, canary v2 15%", run.Out);
    }

    [Fact]
    public void Should_Give_The_Same_Status_As_Json()
    {
        var run = _host.Do("Status", "--format=json");

        using var json = JsonDocument.Parse(run.Out);
        var model = json.RootElement.GetProperty("models").EnumerateArray().Single();
        Assert.Equal("mnist", model.GetProperty("model").GetString());
        Assert.Equal(85, model.GetProperty("traffic").GetProperty("stable").GetInt32());
        Assert.Equal("v2", model.GetProperty("labels").GetProperty("canary").GetProperty("version").GetString());
        var v2 = model.GetProperty("versions").EnumerateArray().First();
        Assert.Equal("v2", v2.GetProperty("name").GetString());
        Assert.Equal(_host.Commit, v2.GetProperty("git").GetProperty("commit").GetString());
        Assert.Equal(0.93, v2.GetProperty("metrics").GetProperty("accuracy").GetDouble());
        Assert.Equal("blessed", v2.GetProperty("blessing").GetString());
        Assert.Equal(["canary"], v2.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public void Should_Fail_With_Exit_1_For_An_Unknown_Model()
    {
        var run = _host.Run("--target=Status", "--model=imagenet");

        run.AssertExit(1);
        Assert.Contains("no model 'imagenet'", run.Error);
        Assert.Contains("mnist", run.Error);
    }

    [Fact]
    public void Should_Name_The_Store_When_A_Root_Holds_No_Registry()
    {
        var run = _host.Run("--target=Status", "--root=elsewhere");

        if (_host.Kind == StoreKind.Postgres)
        {
            // The shared store is the serving root's, not this new directory's: refused, naming both, creating nothing
            run.AssertExit(1);
            var refusal = Squash(run.Error);
            Assert.Contains(Squash($"belongs to the serving root {_host.Root}"), refusal);
            Assert.Contains(Squash(Path.Combine(_host.WorkDirectory, "elsewhere")), refusal);
            Assert.DoesNotContain(PostgresServer.Shared.Password, run.Out + run.Error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(_host.WorkDirectory, "elsewhere")));
            return;
        }

        run.AssertExit(0);
        var store = Path.Combine(_host.WorkDirectory, "elsewhere", "registry.db");
        // Spectre wraps a line longer than the console at a space, dropping it: compare without whitespace.
        var text = Squash(run.Out);
        Assert.Contains(Squash($"The registry at {store} is empty"), text);
        Assert.Contains(Squash("check --root/--registry"), text);
        Assert.False(Directory.Exists(Path.Combine(_host.WorkDirectory, "elsewhere")));
    }

    [Fact]
    public void Should_List_The_Audit_Log_Filtered_By_Label()
    {
        var run = _host.Do("History", "--label=canary", "--format=json");

        using var json = JsonDocument.Parse(run.Out);
        var events = json.RootElement.GetProperty("events").EnumerateArray().ToList();
        var only = Assert.Single(events);
        Assert.Equal("label-move", only.GetProperty("kind").GetString());
        Assert.Equal("v2", only.GetProperty("to").GetString());
        Assert.Equal(15, only.GetProperty("evidence").GetProperty("weight").GetInt32());
    }

    [Fact]
    public void Should_Filter_History_By_Time()
    {
        var future = _host.Do("History", "--since=2999-01-01");
        var lastHour = _host.Do("History", "--since=1h");

        Assert.Contains("No events match", future.Out);
        Assert.Contains("promote", lastHour.Out);
        Assert.Contains("stable: unset → v1", lastHour.Out);
    }

    [Fact]
    public void Should_Exit_2_For_A_Malformed_Since_Or_Format()
    {
        var since = _host.Run("--target=History", "--since=yesterday-ish");
        var format = _host.Run("--target=Status", "--format=yaml");

        since.AssertExit(2);
        Assert.Contains("--since", since.Error);
        format.AssertExit(2);
        Assert.Contains("table, json", format.Error);
    }

    private static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
