namespace ModelRelease;

/// <summary>The artifact layout a release policy demands of a candidate, checked before anything is pushed.</summary>
public enum ArtifactFormat
{
    /// <summary>Any non-empty directory: the policy does not care how the model was saved.</summary>
    Any,

    /// <summary>
    /// A TensorFlow SavedModel, the layout TF Serving loads: <c>saved_model.pb</c> or <c>saved_model.pbtxt</c> at the
    /// top and a <c>variables/</c> directory beside it.
    /// </summary>
    TensorFlowSavedModel,

    /// <summary>At least one <c>*.onnx</c> file at the top of the directory.</summary>
    Onnx,
}
