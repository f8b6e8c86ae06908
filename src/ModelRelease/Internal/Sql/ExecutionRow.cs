namespace ModelRelease.Internal.Sql;

/// <summary>An executions row as Dapper reads it.</summary>
internal sealed class ExecutionRow
{
    public long Id { get; set; }
    public string Task { get; set; } = "";
    public string? Model { get; set; }
    public string Arguments { get; set; } = "{}";
    public string StartedAt { get; set; } = "";
    public string? FinishedAt { get; set; }
    public string Outcome { get; set; } = "";
    public string? Error { get; set; }
    public string Actor { get; set; } = "";
    public string Host { get; set; } = "";
    public string? CiRunUrl { get; set; }
    public string? Lease { get; set; }

    public ExecutionRecord ToRecord(IReadOnlyList<ExecutionLink> links) => new(
        Id, Task, Model, Arguments, SqlValues.ParseTime(StartedAt), SqlValues.ParseOptionalTime(FinishedAt),
        SqlValues.ParseWord<ExecutionOutcome>(Outcome), Error, Actor, Host, CiRunUrl, links) { Lease = Lease };
}
