namespace ModelRelease;

/// <summary>
/// An exclusive write transaction on the metadata store: while it is open no other writer, in this process or
/// another, can change the store, so "read the newest number, then insert the next" cannot race. Nothing is
/// visible to others until <see cref="Commit"/>; disposing without committing rolls everything back.
/// </summary>
public interface IMetadataWriter : IMetadataReader
{
    /// <summary>The largest serving number <paramref name="model"/> has used, pruned versions included; null when none.</summary>
    long? MaxNumber(string model);

    /// <summary>Records a new version (creating the model on its first version) and returns it as stored.</summary>
    ModelVersion InsertVersion(VersionDraft draft);

    /// <summary>Points <paramref name="label"/> of <paramref name="model"/> at <paramref name="version"/>, with a weight for canary.</summary>
    void SetLabel(string model, string label, string version, int? weight, DateTimeOffset at);

    /// <summary>Removes a label; does nothing when it is not set.</summary>
    void ClearLabel(string model, string label);

    /// <summary>Appends an event to the audit log and returns its id. The log is never updated or deleted.</summary>
    long AppendEvent(EventDraft draft);

    /// <summary>Records the validation verdict of a version.</summary>
    void SetBlessing(string model, string version, Blessing blessing, string? reason);

    /// <summary>Marks a version's files as deleted; its metadata stays.</summary>
    void MarkPruned(string model, string version, DateTimeOffset at);

    /// <summary>Records a task run as started and returns its id.</summary>
    long StartExecution(ExecutionDraft draft);

    /// <summary>Records how a task run ended.</summary>
    void FinishExecution(long id, ExecutionOutcome outcome, string? error, DateTimeOffset at);

    /// <summary>Records that a task run read or wrote a version; repeating a link is harmless.</summary>
    void LinkExecution(long id, string model, string version, ExecutionRole role);

    /// <summary>Records a new, open analysis run and returns its id.</summary>
    long StartAnalysisRun(AnalysisRunDraft draft);

    /// <summary>
    /// Records a measurement; false, and nothing written, when the run already holds that check's measurement
    /// <see cref="AnalysisMeasurement.Seq"/> (another job took it first).
    /// </summary>
    bool AddMeasurement(AnalysisMeasurement measurement);

    /// <summary>Closes analysis run <paramref name="runId"/> with its verdict and what the verdict called for.</summary>
    void FinishAnalysisRun(long runId, AnalysisVerdict verdict, string? decision, DateTimeOffset at);

    /// <summary>Records a serving image pushed for a version that exists.</summary>
    void AddImage(VersionImage image);

    /// <summary>Records the serving root this store belongs to, replacing what it recorded before (only Adopt rebinds a store).</summary>
    void BindRoot(RootBinding binding);

    /// <summary>Counts one more change of the bound root and returns the new generation (0 when no root is bound).</summary>
    long AdvanceRoot();

    /// <summary>Makes every change of this transaction durable and visible at once.</summary>
    void Commit();
}
