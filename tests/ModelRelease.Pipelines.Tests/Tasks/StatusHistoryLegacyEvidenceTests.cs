using System.Text.Json;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>
/// History over rows an older ModelRelease wrote to a SQLite store: only SQLite stores predate JSON evidence (the
/// PostgreSQL store's evidence column is jsonb and never held plain text), so this runs on SQLite alone.
/// </summary>
public sealed class StatusHistoryLegacyEvidenceTests : IDisposable
{
    private readonly ReleaseHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Should_Read_History_As_Json_When_A_Stored_Row_Holds_Plain_Text_Evidence()
    {
        // Given a validation row whose evidence an older ModelRelease stored as plain text (the log is append-only)
        _host.Push("v1", accuracy: 0.91);
        _host.RawExecute(
            "INSERT INTO events (model_id, kind, label, from_version, to_version, actor, host, reason, evidence, at, execution_id) " +
            "SELECT model_id, kind, label, from_version, to_version, actor, host, reason, 'checked by hand: fine', at, NULL FROM events WHERE kind = 'validation' LIMIT 1");

        // When History prints JSON; then the row reads as a JSON string and the other rows as they were
        var run = _host.Do("History", "--format=json");

        using var json = JsonDocument.Parse(run.Out);
        var evidence = json.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("evidence")).ToList();
        Assert.Contains(evidence, e => e.ValueKind == JsonValueKind.String && e.GetString() == "checked by hand: fine");
        Assert.Contains(evidence, e => e.ValueKind == JsonValueKind.Object);
    }
}
