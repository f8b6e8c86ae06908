namespace ModelRelease;

/// <summary>
/// A release gate said no: validation rejected a candidate, or canary analysis rolled it back.
/// Hosts map it to its own exit code (3) so CI can tell "the model is not good enough" from "the tool broke".
/// </summary>
public sealed class GateRejectedException : Exception
{
    /// <summary>Creates the exception with a message that says which gate refused and why.</summary>
    public GateRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>The checks that said no, when the gate ran named checks (validation): a CI host annotates each one.</summary>
    public IReadOnlyList<ValidationCheck> FailedChecks { get; init; } = [];

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public GateRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
