namespace ModelRelease.Internal.Sql;

/// <summary>An events row as Dapper reads it.</summary>
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

    public RegistryEvent ToEvent() => new(
        Id, Model, SqlValues.ParseWord<EventKind>(Kind), Label, FromVersion, ToVersion, Actor, Host, Reason, Evidence, SqlValues.ParseTime(At), ExecutionId);
}
