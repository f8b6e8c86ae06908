namespace ModelRelease.Internal.Sql;

/// <summary>An analysis_runs row joined with its model and versions, as Dapper reads it.</summary>
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

    public AnalysisRun ToRun() => new(
        Id, Model, CanaryVersion, StableVersion, checked((int)Weight), Checks, SqlValues.ParseTime(StartedAt),
        SqlValues.ParseOptionalTime(FinishedAt), SqlValues.ParseWord<AnalysisVerdict>(Verdict), Decision, ExecutionId);
}
