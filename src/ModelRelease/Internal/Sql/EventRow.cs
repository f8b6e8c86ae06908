using System.Data.Common;

namespace ModelRelease.Internal.Sql;

/// <summary>An events row as its statement aliases the columns.</summary>
internal sealed class EventRow
{
    public long Id { get; set; }
    public string Model { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? Label { get; set; }
    public string? FromVersion { get; set; }
    public string? ToVersion { get; set; }
    public string Actor { get; set; } = "";
    public string Host { get; set; } = "";
    public string? Reason { get; set; }
    public string? Evidence { get; set; }
    public string At { get; set; } = "";
    public long? ExecutionId { get; set; }

    /// <summary>The row the reader stands on, by column alias; a NULL leaves a property at its default.</summary>
    public static EventRow Read(DbDataReader row) => new()
    {
        Id = row.Long("Id"),
        Model = row.Text("Model"),
        Kind = row.Text("Kind"),
        Label = row.OptionalText("Label"),
        FromVersion = row.OptionalText("FromVersion"),
        ToVersion = row.OptionalText("ToVersion"),
        Actor = row.Text("Actor"),
        Host = row.Text("Host"),
        Reason = row.OptionalText("Reason"),
        Evidence = row.OptionalText("Evidence"),
        At = row.Text("At"),
        ExecutionId = row.OptionalLong("ExecutionId"),
    };

    public RegistryEvent ToEvent() => new(
        Id, Model, SqlValues.ParseWord<EventKind>(Kind), Label, FromVersion, ToVersion, Actor, Host, Reason, Evidence, SqlValues.ParseTime(At), ExecutionId);
}
