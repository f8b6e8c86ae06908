namespace ModelRelease;

/// <summary>A traffic router a model's labels are also rendered for, beside routing.json.</summary>
public enum RouterKind
{
    /// <summary>A KServe <c>InferenceService</c> (serving.kserve.io/v1beta1) whose predictor carries <c>canaryTrafficPercent</c>.</summary>
    KServe,

    /// <summary>An Istio <c>VirtualService</c> (networking.istio.io/v1) with weighted routes to the stable and canary endpoints.</summary>
    Istio,
}
