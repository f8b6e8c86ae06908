namespace ModelRelease;

/// <summary>What an analysis run's verdict calls for, as Argo Rollouts and Flagger users know it.</summary>
public enum AnalysisDecision
{
    /// <summary>The run is still measuring: analyze again later.</summary>
    Continue,

    /// <summary>The run succeeded and the policy has a larger canary step: raise the canary's traffic to it.</summary>
    StepUp,

    /// <summary>The run succeeded at the policy's last canary step: promote the canary to stable.</summary>
    Promote,

    /// <summary>The run failed: abort the canary; stable is untouched.</summary>
    Rollback,

    /// <summary>The run was inconclusive or could not measure: leave the labels and ask a person.</summary>
    Hold,
}
