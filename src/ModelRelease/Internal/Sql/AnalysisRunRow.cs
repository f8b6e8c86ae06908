using System.Data.Common;

namespace ModelRelease.Internal.Sql;

/// <summary>An analysis_runs row joined with its model and versions, as its statements alias the columns.</summary>
internal sealed class AnalysisRunRow
{
    public long Id { get; set; }
    public string Model { get; set; } = "";
    public string CanaryVersion { get; set; } = "";
    public string StableVersion { get; set; } = "";
    public long Weight { get; set; }
    public string Checks { get; set; } = "";
    public string StartedAt { get; set; } = "";
    public string? FinishedAt { get; set; }
    public string Verdict { get; set; } = "";
    public string? Decision { get; set; }
    public long? ExecutionId { get; set; }

    /// <summary>The row the reader stands on, by column alias; a NULL leaves a property at its default.</summary>
    public static AnalysisRunRow Read(DbDataReader row) => new()
    {
        Id = row.Long("Id"),
        Model = row.Text("Model"),
        CanaryVersion = row.Text("CanaryVersion"),
        StableVersion = row.Text("StableVersion"),
        Weight = row.Long("Weight"),
        Checks = row.Text("Checks"),
        StartedAt = row.Text("StartedAt"),
        FinishedAt = row.OptionalText("FinishedAt"),
        Verdict = row.Text("Verdict"),
        Decision = row.OptionalText("Decision"),
        ExecutionId = row.OptionalLong("ExecutionId"),
    };

    public AnalysisRun ToRun() => new(
        Id, Model, CanaryVersion, StableVersion, checked((int)Weight), Checks, SqlValues.ParseTime(StartedAt),
        SqlValues.ParseOptionalTime(FinishedAt), SqlValues.ParseWord<AnalysisVerdict>(Verdict), Decision, ExecutionId);
}
