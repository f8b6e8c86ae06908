namespace ModelRelease.Pipelines.Report;

/// <summary>One canary analysis run with its measurements and the conditions its checks were judged by.</summary>
/// <param name="Run">The run as the store keeps it.</param>
/// <param name="Measurements">Its measurements, by check and then in the order taken.</param>
/// <param name="Conditions">Each check's conditions when the run began, by check name.</param>
public sealed record AnalysisRunReport(AnalysisRun Run, IReadOnlyList<AnalysisMeasurement> Measurements, IReadOnlyDictionary<string, CheckConditions> Conditions);
