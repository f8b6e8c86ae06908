namespace ModelRelease.Internal;

/// <summary>The policy file's key and value names, in one place so the reader, the writer and the error messages agree.</summary>
internal static class PolicyFileKeys
{
    public const string Model = "model";
    public const string Artifact = "artifact";
    public const string Metrics = "metrics";
    public const string CanarySteps = "canarySteps";
    public const string Keep = "keep";
    public const string Analysis = "analysis";
    public const string Routers = "routers";

    public const string Outputs = "outputs";
    public const string Namespace = "namespace";
    public const string StorageUri = "storageUri";
    public const string Host = "host";
    public const string StableHost = "stableHost";
    public const string CanaryHost = "canaryHost";

    public const string Goal = "goal";
    public const string AtLeast = "atLeast";
    public const string AtMost = "atMost";
    public const string MaxDrop = "maxDrop";
    public const string MaxDropPercent = "maxDropPercent";
    public const string MaxIncrease = "maxIncrease";
    public const string MaxIncreasePercent = "maxIncreasePercent";
    public const string Required = "required";

    public const string Name = "name";
    public const string Source = "source";
    public const string Query = "query";
    public const string SuccessCondition = "successCondition";
    public const string FailureCondition = "failureCondition";
    public const string Interval = "interval";
    public const string Count = "count";
    public const string FailureLimit = "failureLimit";
    public const string InconclusiveLimit = "inconclusiveLimit";
    public const string ConsecutiveErrorLimit = "consecutiveErrorLimit";

    public const string Higher = "higher";
    public const string Lower = "lower";

    public static readonly string[] TopLevel = [Model, Artifact, Metrics, CanarySteps, Keep, Analysis, Routers];

    public static readonly string[] RouterKeys = [Outputs, Namespace, StorageUri, Host, StableHost, CanaryHost];

    public static readonly IReadOnlyDictionary<string, RouterKind> RouterKinds = new Dictionary<string, RouterKind>(StringComparer.Ordinal)
    {
        ["kserve"] = RouterKind.KServe,
        ["istio"] = RouterKind.Istio,
    };

    public static readonly string[] CheckKeys =
        [Name, Source, Query, SuccessCondition, FailureCondition, Interval, Count, FailureLimit, InconclusiveLimit, ConsecutiveErrorLimit];

    public static readonly IReadOnlyDictionary<string, ArtifactFormat> Formats = new Dictionary<string, ArtifactFormat>(StringComparer.Ordinal)
    {
        ["any"] = ArtifactFormat.Any,
        ["tensorflow-saved-model"] = ArtifactFormat.TensorFlowSavedModel,
        ["onnx"] = ArtifactFormat.Onnx,
    };

    /// <summary>The keys a metric takes: the tolerance keys depend on which way the metric regresses.</summary>
    public static string[] MetricKeys(MetricGoal goal) =>
        [Goal, AtLeast, AtMost, .. ToleranceKeys(goal), Required];

    /// <summary>The absolute and the percent tolerance key for <paramref name="goal"/>.</summary>
    public static string[] ToleranceKeys(MetricGoal goal) =>
        goal == MetricGoal.HigherIsBetter ? [MaxDrop, MaxDropPercent] : [MaxIncrease, MaxIncreasePercent];

    public static string FormatName(ArtifactFormat format) => Formats.First(pair => pair.Value == format).Key;
}
