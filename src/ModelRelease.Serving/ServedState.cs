namespace ModelRelease.Serving;

/// <summary>Where a served version is in its life, as TF Serving's GetModelStatus names the states.</summary>
public enum ServedState
{
    /// <summary>Asked for, not yet being loaded.</summary>
    Start,

    /// <summary>Being loaded into ONNX Runtime; it takes no traffic yet.</summary>
    Loading,

    /// <summary>Loaded and answering requests.</summary>
    Available,

    /// <summary>No longer asked for; it finishes the requests it holds and takes no new ones.</summary>
    Unloading,

    /// <summary>Unloaded, or its load failed (then <see cref="ServedVersionState.Error"/> says why).</summary>
    End,
}
