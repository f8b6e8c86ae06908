namespace ModelRelease.Internal;

/// <summary>The rows one metric rule adds to a validation report: presence, bounds, then regression against stable.</summary>
internal static class MetricChecks
{
    /// <summary>
    /// A measured drop of 0.91 - 0.90 is 0.010000000000000009; a tolerance of 0.01 is meant to allow it. The slack
    /// is relative to the numbers compared, far below anything an evaluation can measure.
    /// </summary>
    private const double RelativeSlack = 1e-12;

    public static IEnumerable<ValidationCheck> For(MetricRule rule, IReadOnlyDictionary<string, double> metrics, ModelVersion? stable)
    {
        var name = DisplayText.Escape(rule.Name);
        const string finite = "a finite number";
        if (!metrics.TryGetValue(rule.Name, out var value))
        {
            if (!rule.Required)
            {
                yield return new ValidationCheck($"{name} present", "missing (optional)", finite, true)
                {
                    Note = $"{name} is optional and missing, so its other checks were skipped",
                };
                yield break;
            }

            var near = metrics.Keys.FirstOrDefault(k => string.Equals(k, rule.Name, StringComparison.OrdinalIgnoreCase));
            var hint = near is null ? "" : $" (there is '{DisplayText.Escape(near)}'; names are case-sensitive)";
            yield return new ValidationCheck($"{name} present", "missing", finite, false)
            {
                Note = $"{name} is missing{hint}: add it to --metrics, e.g. {{\"{name}\": {NumberText.Format(rule.AtLeast ?? rule.AtMost ?? 0.9)}}}, or mark the rule optional",
            };
            yield break;
        }

        // A NaN compares false with everything, so without this row it would slip through every bound.
        if (!double.IsFinite(value))
        {
            yield return new ValidationCheck($"{name} present", NumberText.Format(value), finite, false)
            {
                Note = $"{name} is {NumberText.Format(value)}: the evaluation produced no usable value; fix it and evaluate again",
            };
            yield break;
        }

        yield return new ValidationCheck($"{name} present", NumberText.Format(value), finite, true);

        if (rule.AtLeast is { } atLeast)
        {
            var (actual, bound) = NumberText.Distinct(value, atLeast);
            var passed = value >= atLeast;
            yield return new ValidationCheck($"{name} ≥ {NumberText.Exact(atLeast)}", actual, $"at least {NumberText.Exact(atLeast)}", passed)
            {
                Note = passed ? null : $"{name} {actual} < {bound} (at least)",
            };
        }

        if (rule.AtMost is { } atMost)
        {
            var (actual, bound) = NumberText.Distinct(value, atMost);
            var passed = value <= atMost;
            yield return new ValidationCheck($"{name} ≤ {NumberText.Exact(atMost)}", actual, $"at most {NumberText.Exact(atMost)}", passed)
            {
                Note = passed ? null : $"{name} {actual} > {bound} (at most)",
            };
        }

        if (stable is not null && rule.Tolerance is { } tolerance)
        {
            yield return Regression(rule, name, value, stable, tolerance);
        }
    }

    private static ValidationCheck Regression(MetricRule rule, string name, double value, ModelVersion stable, RegressionTolerance tolerance)
    {
        var higher = rule.Goal == MetricGoal.HigherIsBetter;
        var (move, moved) = higher ? ("drop", "dropped") : ("growth", "grew");
        var check = $"{name} vs stable {stable.Name}";
        if (!stable.Metrics.TryGetValue(rule.Name, out var baseline) || !double.IsFinite(baseline))
        {
            return new ValidationCheck(check, $"{NumberText.Format(value)} (no baseline)", $"{move} ≤ {tolerance}", true)
            {
                Note = $"stable {stable.Name} has no {name} to compare with, so there is no baseline",
            };
        }

        var allowed = tolerance.AllowedChange(baseline);
        var limit = tolerance.IsRelative ? $"{tolerance} (≤ {NumberText.Format(allowed)})" : tolerance.ToString();
        var change = value - baseline;
        var worsening = higher ? -change : change;
        var slack = RelativeSlack * Math.Max(1, Math.Max(Math.Abs(baseline), Math.Abs(value)));
        var passed = worsening <= allowed + slack;
        return new ValidationCheck(check, $"{NumberText.Format(value)} ({NumberText.Signed(change)})", $"{move} ≤ {limit}", passed)
        {
            Note = passed
                ? null
                : $"{name} {moved} {NumberText.Format(worsening)} vs stable {stable.Name} (max {(tolerance.IsRelative ? $"{tolerance} = {NumberText.Format(allowed)}" : tolerance.ToString())})",
        };
    }
}
