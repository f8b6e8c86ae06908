namespace ModelRelease.Onnx;

/// <summary>How one servability check came out.</summary>
public enum InfraCheckOutcome
{
    /// <summary>Checked, and fine.</summary>
    Passed,

    /// <summary>Checked, and a release blocker.</summary>
    Failed,

    /// <summary>Could not be checked here (a format this runtime cannot load): never counted as passed.</summary>
    NotChecked,
}
