namespace ModelRelease.Internal.Sql;

/// <summary>The canary analysis tables: runs, and the measurements each run took.</summary>
internal sealed partial class SqlMetadataSession
{
    /// <summary>The first schema with the analysis tables.</summary>
    private const int AnalysisSchema = 3;

    private const string RunColumns = """
        r.id AS Id, m.name AS Model, c.name AS CanaryVersion, s.name AS StableVersion, r.weight AS Weight,
        {json:r.checks} AS Checks, {time:r.started_at} AS StartedAt, {time:r.finished_at} AS FinishedAt, r.verdict AS Verdict,
        r.decision AS Decision, r.execution_id AS ExecutionId
        FROM analysis_runs r
        JOIN models m ON m.id = r.model_id
        JOIN versions c ON c.id = r.canary_version_id
        JOIN versions s ON s.id = r.stable_version_id
        """;

    public IReadOnlyList<AnalysisRun> AnalysisRuns(string model, int? newest = null)
    {
        if (_schema < AnalysisSchema)
        {
            return [];
        }

        var runs = Query(
                $"SELECT {RunColumns} WHERE m.name = @model ORDER BY r.id DESC {(newest is null ? "" : "LIMIT @newest")}",
                new SqlParameters { { "model", model }, { "newest", newest } },
                AnalysisRunRow.Read)
            .Select(row => row.ToRun())
            .ToList();
        runs.Reverse();
        return runs;
    }

    public IReadOnlyList<AnalysisMeasurement> AnalysisMeasurements(long runId) => _schema < AnalysisSchema
        ? []
        : Query(
                """
                SELECT run_id AS RunId, check_name AS CheckName, seq AS Seq, {time:taken_at} AS TakenAt, verdict AS Verdict,
                    canary_value AS CanaryValue, stable_value AS StableValue, canary_query AS CanaryQuery,
                    stable_query AS StableQuery, detail AS Detail, execution_id AS ExecutionId
                FROM analysis_measurements WHERE run_id = @runId ORDER BY check_name, seq
                """,
                new SqlParameters { { "runId", runId } },
                AnalysisMeasurementRow.Read)
            .Select(row => row.ToMeasurement())
            .ToList();

    public long StartAnalysisRun(AnalysisRunDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        RequireWriter();
        return SingleLong(
                """
                INSERT INTO analysis_runs (model_id, canary_version_id, stable_version_id, weight, checks, started_at, verdict, execution_id)
                VALUES ((SELECT id FROM models WHERE name = @model), @canary, @stable, @weight, {json:@checks}, {time:@at}, @verdict, @executionId)
                RETURNING id
                """,
                new SqlParameters
                {
                    { "model", draft.Model },
                    { "canary", VersionId(draft.Model, draft.CanaryVersion) },
                    { "stable", VersionId(draft.Model, draft.StableVersion) },
                    { "weight", draft.Weight },
                    { "checks", draft.Checks },
                    { "at", SqlValues.Time(draft.StartedAt) },
                    { "verdict", SqlValues.Word(AnalysisVerdict.Running) },
                    { "executionId", draft.ExecutionId },
                });
    }

    public bool AddMeasurement(AnalysisMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        RequireWriter();

        // DO NOTHING instead of an error: a second job that measured the same moment loses quietly and reads the winner's.
        return Longs(
                """
                INSERT INTO analysis_measurements (run_id, check_name, seq, taken_at, verdict, canary_value, stable_value,
                    canary_query, stable_query, detail, execution_id)
                VALUES (@runId, @check, @seq, {time:@takenAt}, @verdict, @canaryValue, @stableValue, @canaryQuery, @stableQuery, @detail, @executionId)
                ON CONFLICT (run_id, check_name, seq) DO NOTHING
                RETURNING id
                """,
                new SqlParameters
                {
                    { "runId", measurement.RunId },
                    { "check", measurement.Check },
                    { "seq", measurement.Seq },
                    { "takenAt", SqlValues.Time(measurement.TakenAt) },
                    { "verdict", SqlValues.Word(measurement.Verdict) },
                    { "canaryValue", Storable(measurement.CanaryValue) },
                    { "stableValue", Storable(measurement.StableValue) },
                    { "canaryQuery", measurement.CanaryQuery },
                    { "stableQuery", measurement.StableQuery },
                    { "detail", measurement.Detail },
                    { "executionId", measurement.ExecutionId },
                })
            .Count == 1;
    }

    public void FinishAnalysisRun(long runId, AnalysisVerdict verdict, string? decision, DateTimeOffset at) =>
        Execute(
            "UPDATE analysis_runs SET finished_at = {time:@at}, verdict = @verdict, decision = @decision WHERE id = @runId AND finished_at IS NULL",
            new SqlParameters { { "runId", runId }, { "verdict", SqlValues.Word(verdict) }, { "decision", decision }, { "at", SqlValues.Time(at) } });

    // SQLite stores NaN as NULL anyway; saying so here keeps both backends alike.
    private static double? Storable(double? value) => value is { } v && double.IsNaN(v) ? null : value;
}
