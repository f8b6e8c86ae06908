namespace ModelRelease;

/// <summary>What validation said about a version: the gate TFX's Evaluator gives Pusher.</summary>
public enum Blessing
{
    /// <summary>Pushed without a validation result (a library call that did not validate).</summary>
    Unvalidated,

    /// <summary>Validation passed; the version may go to canary and stable.</summary>
    Blessed,

    /// <summary>Validation failed; the version must not serve traffic.</summary>
    Rejected,

    /// <summary>Validation was skipped on purpose, with a recorded reason.</summary>
    Skipped,
}
