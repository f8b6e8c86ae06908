namespace ModelRelease;

/// <summary>
/// One measurement of one check in an analysis run, with the raw values it was judged on. <see cref="Seq"/> counts
/// the check's measurements from 1; the store keeps (run, check, seq) unique, so two jobs measuring at once cannot
/// both record measurement n.
/// </summary>
/// <param name="RunId">The run it belongs to.</param>
/// <param name="Check">The check's name.</param>
/// <param name="Seq">Its place among the check's measurements, from 1.</param>
/// <param name="TakenAt">The moment both versions were measured at.</param>
/// <param name="Verdict">What the check's conditions said of the values.</param>
/// <param name="CanaryValue">The canary's value, or null when there was none.</param>
/// <param name="StableValue">Stable's value, or null when there was none or the check does not compare with stable.</param>
/// <param name="CanaryQuery">The query asked for the canary, as rendered.</param>
/// <param name="StableQuery">The query asked for stable, as rendered; null when the check does not compare with stable.</param>
/// <param name="Detail">Why a value was missing or what failed, when something did.</param>
public sealed record AnalysisMeasurement(
    long RunId,
    string Check,
    int Seq,
    DateTimeOffset TakenAt,
    MeasurementVerdict Verdict,
    double? CanaryValue,
    double? StableValue,
    string CanaryQuery,
    string? StableQuery,
    string? Detail)
{
    /// <summary>The task run that took it, when recorded.</summary>
    public long? ExecutionId { get; init; }
}
