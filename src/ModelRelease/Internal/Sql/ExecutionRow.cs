using System.Data.Common;

namespace ModelRelease.Internal.Sql;

/// <summary>An executions row as its statement aliases the columns.</summary>
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

    /// <summary>The row the reader stands on, by column alias; a NULL leaves a property at its default.</summary>
    public static ExecutionRow Read(DbDataReader row) => new()
    {
        Id = row.Long("Id"),
        Task = row.Text("Task"),
        Model = row.OptionalText("Model"),
        Arguments = row.Text("Arguments", "{}"),
        StartedAt = row.Text("StartedAt"),
        FinishedAt = row.OptionalText("FinishedAt"),
        Outcome = row.Text("Outcome"),
        Error = row.OptionalText("Error"),
        Actor = row.Text("Actor"),
        Host = row.Text("Host"),
        CiRunUrl = row.OptionalText("CiRunUrl"),
        Lease = row.OptionalText("Lease"),
    };

    public ExecutionRecord ToRecord(IReadOnlyList<ExecutionLink> links) => new(
        Id, Task, Model, Arguments, SqlValues.ParseTime(StartedAt), SqlValues.ParseOptionalTime(FinishedAt),
        SqlValues.ParseWord<ExecutionOutcome>(Outcome), Error, Actor, Host, CiRunUrl, links) { Lease = Lease };
}
