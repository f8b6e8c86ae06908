using System.Data.Common;

namespace ModelRelease.Internal.Sql;

/// <summary>An analysis_measurements row, as its statements alias the columns.</summary>
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

    /// <summary>The row the reader stands on, by column alias; a NULL leaves a property at its default.</summary>
    public static AnalysisMeasurementRow Read(DbDataReader row) => new()
    {
        RunId = row.Long("RunId"),
        CheckName = row.Text("CheckName"),
        Seq = row.Long("Seq"),
        TakenAt = row.Text("TakenAt"),
        Verdict = row.Text("Verdict"),
        CanaryValue = row.OptionalDouble("CanaryValue"),
        StableValue = row.OptionalDouble("StableValue"),
        CanaryQuery = row.Text("CanaryQuery"),
        StableQuery = row.OptionalText("StableQuery"),
        Detail = row.OptionalText("Detail"),
        ExecutionId = row.OptionalLong("ExecutionId"),
    };

    public AnalysisMeasurement ToMeasurement() => new(
        RunId, CheckName, checked((int)Seq), SqlValues.ParseTime(TakenAt), SqlValues.ParseWord<MeasurementVerdict>(Verdict),
        CanaryValue, StableValue, CanaryQuery, StableQuery, Detail)
    {
        ExecutionId = ExecutionId,
    };
}
