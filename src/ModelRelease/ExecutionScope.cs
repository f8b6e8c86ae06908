namespace ModelRelease;

/// <summary>
/// A recorded pipeline task run. While it is the registry's current execution, every event it appends and every
/// version it pushes or labels is linked to it. Complete it with the outcome; disposing it uncompleted records a failure.
/// </summary>
public sealed class ExecutionScope : IDisposable
{
    private readonly Action<ExecutionScope, ExecutionOutcome, string?> _finish;
    private bool _finished;

    internal ExecutionScope(ExecutionDraft draft, Action<ExecutionScope, ExecutionOutcome, string?> finish)
    {
        Draft = draft;
        _finish = finish;
    }

    /// <summary>The execution's id in the store.</summary>
    /// <exception cref="InvalidOperationException">A tracked run that has changed nothing yet has no row.</exception>
    public long Id => RecordedId ?? throw new InvalidOperationException($"Task run '{Draft.Task}' has changed nothing yet, so it has no row in the store.");

    /// <summary>The execution's id, or null while a tracked run has changed nothing (and so is not recorded).</summary>
    public long? RecordedId { get; private set; }

    /// <summary>The task the run is of.</summary>
    public string Task => Draft.Task;

    /// <summary>What is (or will be) recorded: task, model, redacted arguments, start, actor, host, CI run.</summary>
    internal ExecutionDraft Draft { get; }

    /// <summary>Records how the run ended. Only the first call counts; a tracked run that changed nothing writes nothing.</summary>
    public void Complete(ExecutionOutcome outcome, string? error = null)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        _finish(this, outcome, error);
    }

    /// <summary>Records a failure when the run ended without saying how.</summary>
    public void Dispose() => Complete(ExecutionOutcome.Failed, "the task ended without recording an outcome");

    internal void Record(long id) => RecordedId = id;

    internal void Forget() => RecordedId = null;
}
