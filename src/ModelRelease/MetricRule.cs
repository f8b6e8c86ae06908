namespace ModelRelease;

/// <summary>
/// What a release policy demands of one evaluation metric: that it is present, that it stays within fixed bounds,
/// and that it does not regress against the current stable version by more than a tolerance. Build one fluently:
/// <c>MetricRule.Higher("accuracy").AtLeastValue(0.85).MayDropBy(0.01)</c>.
/// </summary>
/// <param name="Name">The metric's name, as the candidate's metrics name it (case-sensitive).</param>
/// <param name="Goal">Which way the metric improves.</param>
public sealed record MetricRule(string Name, MetricGoal Goal)
{
    /// <summary>The lowest acceptable value, inclusive; null for no lower bound.</summary>
    public double? AtLeast { get; init; }

    /// <summary>The highest acceptable value, inclusive; null for no upper bound.</summary>
    public double? AtMost { get; init; }

    /// <summary>How far the metric may move the wrong way against the stable version; null for no regression check.</summary>
    public RegressionTolerance? Tolerance { get; init; }

    /// <summary>When false, a candidate without this metric passes, and the metric's other checks are skipped.</summary>
    public bool Required { get; init; } = true;

    /// <summary>A rule for a metric where bigger is better (accuracy, AUC).</summary>
    public static MetricRule Higher(string name) => new(name, MetricGoal.HigherIsBetter);

    /// <summary>A rule for a metric where smaller is better (loss, latency).</summary>
    public static MetricRule Lower(string name) => new(name, MetricGoal.LowerIsBetter);

    /// <summary>A copy that rejects values below <paramref name="value"/>.</summary>
    public MetricRule AtLeastValue(double value) => this with { AtLeast = value };

    /// <summary>A copy that rejects values above <paramref name="value"/>.</summary>
    public MetricRule AtMostValue(double value) => this with { AtMost = value };

    /// <summary>A copy that rejects a drop of more than <paramref name="amount"/> below the stable version.</summary>
    /// <exception cref="RegistryException">The metric is lower-is-better, so it cannot regress by dropping.</exception>
    public MetricRule MayDropBy(double amount) => WithTolerance(MetricGoal.HigherIsBetter, nameof(MayDropBy), RegressionTolerance.Absolute(amount));

    /// <summary>A copy that rejects a drop of more than <paramref name="percent"/>% of the stable version's value.</summary>
    /// <exception cref="RegistryException">The metric is lower-is-better, so it cannot regress by dropping.</exception>
    public MetricRule MayDropByPercent(double percent) => WithTolerance(MetricGoal.HigherIsBetter, nameof(MayDropByPercent), RegressionTolerance.Percent(percent));

    /// <summary>A copy that rejects growth of more than <paramref name="amount"/> above the stable version.</summary>
    /// <exception cref="RegistryException">The metric is higher-is-better, so it cannot regress by growing.</exception>
    public MetricRule MayGrowBy(double amount) => WithTolerance(MetricGoal.LowerIsBetter, nameof(MayGrowBy), RegressionTolerance.Absolute(amount));

    /// <summary>A copy that rejects growth of more than <paramref name="percent"/>% of the stable version's value.</summary>
    /// <exception cref="RegistryException">The metric is higher-is-better, so it cannot regress by growing.</exception>
    public MetricRule MayGrowByPercent(double percent) => WithTolerance(MetricGoal.LowerIsBetter, nameof(MayGrowByPercent), RegressionTolerance.Percent(percent));

    /// <summary>A copy that lets a candidate without this metric pass.</summary>
    public MetricRule Optional() => this with { Required = false };

    private MetricRule WithTolerance(MetricGoal fits, string method, RegressionTolerance tolerance)
    {
        // The tolerance itself has no direction; the goal gives it one. A drop allowance on a latency would silently
        // read as a growth allowance, which is almost certainly not what the author meant.
        if (Goal != fits)
        {
            var (regresses, absolute, percent) = Goal == MetricGoal.HigherIsBetter
                ? ("dropping", nameof(MayDropBy), nameof(MayDropByPercent))
                : ("growing", nameof(MayGrowBy), nameof(MayGrowByPercent));
            throw new RegistryException(
                $"Metric '{Name}' is {(Goal == MetricGoal.HigherIsBetter ? "higher" : "lower")}-is-better, so it regresses by {regresses}: use {absolute} or {percent} instead of {method}.");
        }

        return this with { Tolerance = tolerance };
    }
}
