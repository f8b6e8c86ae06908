using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// How far a metric may move the wrong way compared with the current stable version before validation rejects the
/// candidate: a fixed amount (accuracy may drop by 0.01) or a share of the stable value (latency may grow by 10%).
/// </summary>
public sealed record RegressionTolerance
{
    private RegressionTolerance(double amount, bool isRelative)
    {
        Amount = amount;
        IsRelative = isRelative;
    }

    /// <summary>The amount as given: a metric value for an absolute tolerance, a percentage for a relative one.</summary>
    public double Amount { get; }

    /// <summary>True when <see cref="Amount"/> is a percentage of the stable version's value.</summary>
    public bool IsRelative { get; }

    /// <summary>A tolerance of a fixed <paramref name="amount"/> in the metric's own unit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite.</exception>
    public static RegressionTolerance Absolute(double amount) => new(Checked(amount, nameof(amount), "e.g. 0.01"), isRelative: false);

    /// <summary>A tolerance of <paramref name="percent"/> percent of the stable version's value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The percentage is negative, NaN or infinite.</exception>
    public static RegressionTolerance Percent(double percent) => new(Checked(percent, nameof(percent), "e.g. 10 for 10%"), isRelative: true);

    /// <summary>How far the metric may move the wrong way from <paramref name="baseline"/>, the stable version's value.</summary>
    /// <remarks>
    /// A percentage is taken of the baseline's magnitude, so a negative metric (a log-likelihood) gets a positive
    /// allowance, and a zero baseline allows no regression at all.
    /// </remarks>
    public double AllowedChange(double baseline) => IsRelative ? Math.Abs(baseline) * Amount / 100 : Amount;

    /// <summary>The tolerance as a policy would write it: <c>0.01</c> or <c>10%</c>.</summary>
    public override string ToString() => NumberText.Exact(Amount) + (IsRelative ? "%" : "");

    private static double Checked(double amount, string parameter, string example) =>
        double.IsFinite(amount) && amount >= 0
            ? amount
            : throw new ArgumentOutOfRangeException(
                parameter,
                amount,
                $"A regression tolerance is how far a metric may move the wrong way, so it must be a finite number of 0 or more ({example}).");
}
