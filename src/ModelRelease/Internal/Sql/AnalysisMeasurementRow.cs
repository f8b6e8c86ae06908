namespace ModelRelease.Internal.Sql;

/// <summary>An analysis_measurements row, as Dapper reads it.</summary>
internal sealed class AnalysisMeasurementRow
{
    public long RunId { get; set; }
    public string CheckName { get; set; } = "";
    public long Seq { get; set; }
    public string TakenAt { get; set; } = "";
    public string Verdict { get; set; } = "";
    public double? CanaryValue { get; set; }
    public double? StableValue { get; set; }
    public string CanaryQuery { get; set; } = "";
    public string? StableQuery { get; set; }
    public string? Detail { get; set; }
    public long? ExecutionId { get; set; }

    public AnalysisMeasurement ToMeasurement() => new(
        RunId, CheckName, checked((int)Seq), SqlValues.ParseTime(TakenAt), SqlValues.ParseWord<MeasurementVerdict>(Verdict),
        CanaryValue, StableValue, CanaryQuery, StableQuery, Detail)
    {
        ExecutionId = ExecutionId,
    };
}
