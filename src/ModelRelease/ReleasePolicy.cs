using System.Text;
using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// The rules a model's candidates must meet to be released: the artifact layout, what each evaluation metric must
/// be (on its own and against the current stable version), the canary traffic steps, and how many old versions to
/// keep. Written in code with the fluent builders, or loaded from JSON with <see cref="ReleasePolicyFile"/>:
/// <code>
/// ReleasePolicy.For("sentiment")
///     .RequireArtifact(ArtifactFormat.TensorFlowSavedModel)
///     .Metric(MetricRule.Higher("accuracy").AtLeastValue(0.85).MayDropBy(0.01))
///     .Metric(MetricRule.Lower("latency_p99_ms").AtMostValue(120).MayGrowByPercent(10))
///     .WithCanarySteps(10, 50)
///     .Keeping(5)
///     .Analyze(AnalysisCheck.Create("error-rate", "prometheus", "sum(rate(errors_total{version=\"{{version}}\"}[5m]))")
///         .SucceedsWhen("canary &lt;= 1.2 * stable"));
/// </code>
/// Each builder refuses a bad piece where it is added; <see cref="Validate"/> checks a policy built any other way.
/// Two policies are equal when all their settings are, including the metric rules in order.
/// </summary>
/// <param name="Model">The model the policy governs.</param>
public sealed record ReleasePolicy(string Model)
{
    /// <summary>The artifact layout a candidate must have.</summary>
    public ArtifactFormat Artifact { get; init; } = ArtifactFormat.Any;

    /// <summary>One rule per metric, checked in this order; metrics without a rule are not checked.</summary>
    public IReadOnlyList<MetricRule> Metrics { get; init; } = [];

    /// <summary>Canary traffic percentages, each 1–99, strictly increasing; the canary walks them before promotion.</summary>
    public IReadOnlyList<int> CanarySteps { get; init; } = [10];

    /// <summary>How many versions Prune keeps besides the labelled (protected) ones.</summary>
    public int Keep { get; init; } = 5;

    /// <summary>The canary analysis checks, each with a unique name; empty for no analysis.</summary>
    public IReadOnlyList<AnalysisCheck> Analysis { get; init; } = [];

    /// <summary>The router files rendered beside routing.json on every label move (KServe, Istio); null for none.</summary>
    public RouterOutputs? Routers { get; init; }

    /// <summary>An empty policy for <paramref name="model"/>: any artifact, no metric rules, one 10% canary step, keep 5.</summary>
    /// <exception cref="RegistryException">The model name is not valid.</exception>
    public static ReleasePolicy For(string model)
    {
        PolicyRules.RequireModel(model);
        return new ReleasePolicy(model);
    }

    /// <summary>A copy that demands the <paramref name="format"/> layout of candidates.</summary>
    /// <exception cref="RegistryException">The format is not a defined value.</exception>
    public ReleasePolicy RequireArtifact(ArtifactFormat format)
    {
        PolicyRules.RequireArtifact(Model, format);
        return this with { Artifact = format };
    }

    /// <summary>A copy with <paramref name="rule"/> added after the existing rules.</summary>
    /// <exception cref="RegistryException">The rule is not valid, or its metric already has a rule.</exception>
    public ReleasePolicy Metric(MetricRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        PolicyRules.RequireRule(Model, rule);
        PolicyRules.RequireUniqueMetric(Model, Metrics, rule);
        return this with { Metrics = [.. Metrics, rule] };
    }

    /// <summary>A copy whose canary walks the traffic percentages <paramref name="steps"/> in order.</summary>
    /// <exception cref="RegistryException">A step is outside 1–99, the steps do not grow strictly, or there are none.</exception>
    public ReleasePolicy WithCanarySteps(params int[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);

        // Copied, so the caller changing its array later cannot change a policy that was already checked.
        int[] copy = [.. steps];
        PolicyRules.RequireCanarySteps(Model, copy);
        return this with { CanarySteps = copy.AsReadOnly() };
    }

    /// <summary>A copy that keeps <paramref name="versions"/> unlabelled versions when pruning.</summary>
    /// <exception cref="RegistryException">The count is negative.</exception>
    public ReleasePolicy Keeping(int versions)
    {
        PolicyRules.RequireKeep(Model, versions);
        return this with { Keep = versions };
    }

    /// <summary>A copy that renders <paramref name="routers"/>' files beside routing.json on every label move.</summary>
    /// <exception cref="RegistryException">The settings are not valid (see <see cref="RouterOutputs.Validate"/>).</exception>
    public ReleasePolicy WithRouters(RouterOutputs routers)
    {
        ArgumentNullException.ThrowIfNull(routers);
        routers.Validate(Model);
        return this with { Routers = routers };
    }

    /// <summary>A copy with the canary analysis <paramref name="check"/> added after the existing ones.</summary>
    /// <exception cref="RegistryException">The check is not valid (see <see cref="AnalysisCheck.Validate"/>), or another check has its name.</exception>
    public ReleasePolicy Analyze(AnalysisCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        check.Validate(Model);
        PolicyRules.RequireUniqueCheck(Model, Analysis, check);
        return this with { Analysis = [.. Analysis, check] };
    }

    /// <summary>
    /// Checks the whole policy: a valid model name and artifact format, metric rules with unique non-empty names and
    /// consistent bounds, valid canary steps and keep count, and valid analysis checks with unique names.
    /// </summary>
    /// <exception cref="RegistryException">Something is wrong; the message names it and the fix.</exception>
    public void Validate()
    {
        PolicyRules.RequireModel(Model);
        PolicyRules.RequireArtifact(Model, Artifact);
        if (Metrics is null || CanarySteps is null || Analysis is null)
        {
            var missing = Metrics is null ? nameof(Metrics) : CanarySteps is null ? nameof(CanarySteps) : nameof(Analysis);
            throw new RegistryException(
                $"Release policy for '{Model}': {missing} is null. Leave it out for the default, or give a list.");
        }

        for (var i = 0; i < Metrics.Count; i++)
        {
            var rule = Metrics[i] ?? throw new RegistryException(
                $"Release policy for '{Model}': metric rule {i + 1} is null. Remove it, or give a rule such as MetricRule.Higher(\"accuracy\").");
            PolicyRules.RequireRule(Model, rule);
            PolicyRules.RequireUniqueMetric(Model, Metrics.Take(i), rule);
        }

        PolicyRules.RequireCanarySteps(Model, CanarySteps);
        PolicyRules.RequireKeep(Model, Keep);
        for (var i = 0; i < Analysis.Count; i++)
        {
            var check = Analysis[i] ?? throw new RegistryException(
                $"Release policy for '{Model}': analysis check {i + 1} is null. Remove it, or give a check such as AnalysisCheck.Create(\"error-rate\", \"prometheus\", \"…\").");
            check.Validate(Model);
            PolicyRules.RequireUniqueCheck(Model, Analysis.Take(i), check);
        }

        Routers?.Validate(Model);
    }

    /// <summary>True when <paramref name="other"/> has the same settings, comparing the lists item by item.</summary>
    public bool Equals(ReleasePolicy? other) =>
        other is not null
        && Model == other.Model
        && Artifact == other.Artifact
        && Keep == other.Keep
        && Metrics.SequenceEqual(other.Metrics)
        && CanarySteps.SequenceEqual(other.CanarySteps)
        && Analysis.SequenceEqual(other.Analysis)
        && Equals(Routers, other.Routers);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Model);
        hash.Add(Artifact);
        hash.Add(Keep);
        hash.Add(Routers);
        foreach (var rule in Metrics)
        {
            hash.Add(rule);
        }

        foreach (var step in CanarySteps)
        {
            hash.Add(step);
        }

        foreach (var check in Analysis)
        {
            hash.Add(check);
        }

        return hash.ToHashCode();
    }

    // The generated ToString would print the lists' type names; a test failure should show the rules themselves.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Model = {Model}, Artifact = {Artifact}, Metrics = [{string.Join(", ", Metrics)}], ");
        builder.Append($"CanarySteps = [{string.Join(", ", CanarySteps)}], Keep = {Keep}, Analysis = [{string.Join(", ", Analysis)}], Routers = {Routers}");
        return true;
    }
}
