using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ModelRelease.Tests.Registry;

/// <summary>Evidence is serialised by the library, so the audit log only ever holds JSON a reader can read back.</summary>
public sealed class EvidenceTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public void Should_Store_Plain_Text_Evidence_As_A_Json_String()
    {
        var v1 = _scenario.Push("one");
        using var registry = _scenario.Open();

        registry.RecordValidation("mnist", v1.Name, Blessing.Blessed, "looked fine to me {not json");

        var stored = registry.History(new EventQuery("mnist", Kinds: [EventKind.Validation])).Single();
        Assert.Equal("\"looked fine to me {not json\"", stored.Evidence);
        Assert.Equal("looked fine to me {not json", stored.ReadEvidence()!.Value.GetString());
    }

    [Fact]
    public void Should_Serialise_An_Object_Or_A_Json_Element_As_Given()
    {
        var v1 = _scenario.Push("one");
        using var registry = _scenario.Open();

        registry.RecordValidation("mnist", v1.Name, Blessing.Blessed, new { accuracy = 0.91, checks = new[] { "bounds" } });
        registry.SetLabel("mnist", LabelNames.Golden, v1.Name, new LabelChange(Evidence: JsonDocument.Parse("{\"analysis\":\"ok\"}").RootElement));

        var events = registry.History(new EventQuery("mnist", Kinds: [EventKind.Validation, EventKind.LabelMove]));
        Assert.Equal(["{\"accuracy\":0.91,\"checks\":[\"bounds\"]}", "{\"analysis\":\"ok\"}"], events.Select(e => e.Evidence));
    }

    [Fact]
    public void Should_Read_A_Row_An_Older_Version_Stored_As_Plain_Text()
    {
        // Given a validation row whose evidence is not JSON, as ModelRelease wrote it before evidence was typed
        var v1 = _scenario.Push("one");
        using (var registry = _scenario.Open())
        {
            registry.RecordValidation("mnist", v1.Name, Blessing.Blessed, evidence: null);
        }

        using (var connection = new SqliteConnection($"Data Source={_scenario.RegistryPath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO events (model_id, kind, label, from_version, to_version, actor, host, reason, evidence, at, execution_id) " +
                                  "SELECT model_id, kind, label, from_version, to_version, actor, host, reason, 'plain text, not json', at, execution_id FROM events WHERE kind = 'validation'";
            command.ExecuteNonQuery();
        }

        // Then reading it gives a JSON string, not an exception
        using var reader = _scenario.Open();
        var legacy = reader.History(new EventQuery("mnist", Kinds: [EventKind.Validation])).Last();
        Assert.Equal("plain text, not json", legacy.Evidence);
        Assert.Equal(JsonValueKind.String, legacy.ReadEvidence()!.Value.ValueKind);
    }
}
