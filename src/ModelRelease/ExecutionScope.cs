namespace ModelRelease;

/// <summary>
/// A recorded pipeline task run. While it is the registry's current execution, every event it appends and every
/// version it pushes or labels is linked to it. Complete it with the outcome; disposing it uncompleted records a failure.
/// </summary>
public sealed class ExecutionScope : IDisposable
{
    private readonly Action<ExecutionScope, ExecutionOutcome, string?> _finish;
    private bool _finished;

    internal ExecutionScope(long id, Action<ExecutionScope, ExecutionOutcome, string?> finish)
    {
        Id = id;
        _finish = finish;
    }

    /// <summary>The execution's id in the store.</summary>
    public long Id { get; }

    /// <summary>Records how the run ended. Only the first call counts.</summary>
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
}
