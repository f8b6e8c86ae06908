using System.Reflection;

namespace ModelRelease.Pipelines;

/// <summary>
/// The bundled sample model, <c>sentiment</c>, from <c>pipelines/samples/sentiment</c>. Its files are embedded in
/// this assembly, so the Demo runs from any working directory, and its release policy is declared here in C#
/// (the same policy as the sample's <c>policy.json</c>, which a test keeps in step).
/// </summary>
public static class SampleModel
{
    /// <summary>The sample model's name.</summary>
    public const string Name = "sentiment";

    private const string ResourcePrefix = "samples/sentiment/";

    /// <summary>
    /// Its release policy: a TensorFlow SavedModel; accuracy at least 0.88 and never more than 0.01 below stable;
    /// p99 latency at most 60 ms and never more than 10% above stable; F1 optional, at most 2% below stable;
    /// canary at 10% then 50%; keep 5 versions. Its canary analysis, on Prometheus, every minute, five times per step:
    /// p99 latency at most 1.2 × stable's (failed outright above 2 ×, one failure allowed); error rate at most 1%
    /// (one failure allowed); live accuracy at least stable's − 0.02 (two inconclusive allowed, for quiet hours).
    /// </summary>
    public static ReleasePolicy Policy { get; } = ReleasePolicy.For(Name)
        .RequireArtifact(ArtifactFormat.TensorFlowSavedModel)
        .Metric(MetricRule.Higher("accuracy").AtLeastValue(0.88).MayDropBy(0.01))
        .Metric(MetricRule.Lower("latency_p99_ms").AtMostValue(60).MayGrowByPercent(10))
        .Metric(MetricRule.Higher("f1").MayDropByPercent(2).Optional())
        .WithCanarySteps(10, 50)
        .Keeping(5)
        .Analyze(AnalysisCheck.Create("latency_p99", "prometheus",
                "histogram_quantile(0.99, sum by (le) (rate(request_duration_seconds_bucket{model=\"{{model}}\",version=\"{{version}}\"}[2m])))")
            .SucceedsWhen("canary <= 1.2 * stable").FailsWhen("canary > 2 * stable")
            .Every(TimeSpan.FromMinutes(1)).Times(5).AllowingFailures(1))
        .Analyze(AnalysisCheck.Create("error_rate", "prometheus",
                "sum(rate(request_errors_total{model=\"{{model}}\",version=\"{{version}}\"}[2m])) / sum(rate(requests_total{model=\"{{model}}\",version=\"{{version}}\"}[2m]))")
            .SucceedsWhen("canary <= 0.01")
            .Every(TimeSpan.FromMinutes(1)).Times(5).AllowingFailures(1))
        .Analyze(AnalysisCheck.Create("accuracy", "prometheus",
                "avg(model_version_performance{job=\"serving\",model=\"{{model}}\",version=\"{{version}}\",metric=\"accuracy\"})")
            .SucceedsWhen("canary >= stable - 0.02")
            .Every(TimeSpan.FromMinutes(1)).Times(5).AllowingInconclusive(2));

    /// <summary>
    /// The release policy of the sample as the Demo trains it: an ONNX model, scored by Evaluate in ONNX Runtime.
    /// Accuracy at least 0.85 and never more than 0.02 below stable measured on the same data; p99 latency per request
    /// at most 60 ms (InfraValidate's bound too) and never more than 5 ms above stable's (an absolute margin: a relative
    /// one on sub-millisecond latencies would judge the machine's noise); F1 and AUC optional, at most 3% below stable.
    /// The canary steps, retention and analysis are <see cref="Policy"/>'s.
    /// </summary>
    public static ReleasePolicy TrainedPolicy { get; } = Policy with
    {
        Artifact = ArtifactFormat.Onnx,
        Metrics =
        [
            MetricRule.Higher("accuracy").AtLeastValue(0.85).MayDropBy(0.02),
            MetricRule.Lower("latency_p99_ms").AtMostValue(60).MayGrowBy(5),
            MetricRule.Higher("f1").MayDropByPercent(3).Optional(),
            MetricRule.Higher("auc").MayDropByPercent(3).Optional(),
        ],
    };

    /// <summary>The sample's files (model/, metrics.json, hyperparameters.json, policy.json, README.md), as paths relative to the sample directory.</summary>
    public static IReadOnlyList<string> Files =>
        typeof(SampleModel).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Writes the sample's files under <paramref name="directory"/> and returns it.</summary>
    public static string Extract(string directory)
    {
        foreach (var file in Files)
        {
            var path = Path.Combine(directory, file.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var resource = Open(file);
            using var output = File.Create(path);
            resource.CopyTo(output);
        }

        return directory;
    }

    /// <summary>Reads one embedded sample file as text, e.g. "policy.json".</summary>
    public static string ReadText(string file)
    {
        using var reader = new StreamReader(Open(file));
        return reader.ReadToEnd();
    }

    private static Stream Open(string file) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new FileNotFoundException($"The sample file '{file}' is not embedded in {typeof(SampleModel).Assembly.GetName().Name}; rebuild the host.");
}
