namespace ModelRelease.Internal;

/// <summary>
/// The checks on a <see cref="ReleasePolicy"/>, shared by its fluent builders (which refuse a bad piece at the line
/// that adds it) and <see cref="ReleasePolicy.Validate"/> (which catches what object initializers slipped past).
/// </summary>
internal static class PolicyRules
{
    public static void RequireModel(string model)
    {
        if (Names.ModelProblem(model) is { } problem)
        {
            throw new RegistryException("Release policy: " + RegistryRules.Sentence(problem));
        }
    }

    public static void RequireArtifact(string model, ArtifactFormat format)
    {
        if (!Enum.IsDefined(format))
        {
            throw new RegistryException(
                $"Release policy for '{model}': artifact format {(int)format} is not one of {string.Join(", ", Enum.GetNames<ArtifactFormat>())}. Pick one of those.");
        }
    }

    public static void RequireRule(string model, MetricRule rule)
    {
        if (string.IsNullOrWhiteSpace(rule.Name))
        {
            throw new RegistryException(
                $"Release policy for '{model}': a metric rule has no name. Name the metric as the evaluation reports it, e.g. MetricRule.Higher(\"accuracy\").");
        }

        var name = DisplayText.Escape(rule.Name);
        if (!Enum.IsDefined(rule.Goal))
        {
            throw new RegistryException(
                $"Release policy for '{model}': metric '{name}' has goal {(int)rule.Goal}, which is not {nameof(MetricGoal.HigherIsBetter)} or {nameof(MetricGoal.LowerIsBetter)}. Use MetricRule.Higher or MetricRule.Lower.");
        }

        foreach (var (bound, value) in new[] { ("at-least", rule.AtLeast), ("at-most", rule.AtMost) })
        {
            if (value is { } number && !double.IsFinite(number))
            {
                throw new RegistryException(
                    $"Release policy for '{model}': metric '{name}' has an {bound} bound of {number}; a bound must be a finite number, e.g. 0.85. Drop the bound to have none.");
            }
        }

        if (rule.AtLeast > rule.AtMost)
        {
            throw new RegistryException(
                $"Release policy for '{model}': metric '{name}' must be at least {NumberText.Exact(rule.AtLeast.Value)} and at most {NumberText.Exact(rule.AtMost!.Value)}, which no value can be. Swap the bounds or lower the at-least bound.");
        }
    }

    public static void RequireUniqueMetric(string model, IEnumerable<MetricRule> existing, MetricRule rule)
    {
        if (existing.Any(r => r.Name == rule.Name))
        {
            throw new RegistryException(
                $"Release policy for '{model}': metric '{DisplayText.Escape(rule.Name)}' has two rules. Give each metric one rule, with all its bounds and its tolerance.");
        }
    }

    public static void RequireCanarySteps(string model, IReadOnlyList<int> steps)
    {
        if (steps.Count == 0)
        {
            throw new RegistryException(
                $"Release policy for '{model}': there are no canary steps, so a candidate would never see traffic before stable. Give at least one traffic percentage, e.g. [10] or [10, 50].");
        }

        // Plain loops, and the list written out only for a message: every command that reads the host's policies
        // runs this, and LINQ and string.Join over ints are compiled at run time on first use (~5 ms of a rollback).
        foreach (var step in steps)
        {
            if (step is < 1 or > 99)
            {
                throw new RegistryException(
                    $"Release policy for '{model}': canary step {step} in {Shown(steps)} is not a traffic percentage from 1 to 99 (100 is a promotion, not a canary). Use steps like [10, 50].");
            }
        }

        for (var i = 1; i < steps.Count; i++)
        {
            if (steps[i] <= steps[i - 1])
            {
                throw new RegistryException(
                    $"Release policy for '{model}': canary steps {Shown(steps)} must grow strictly ({steps[i]} comes after {steps[i - 1]}). List each traffic percentage once, smallest first, e.g. [10, 50].");
            }
        }
    }

    private static string Shown(IReadOnlyList<int> steps) => "[" + string.Join(", ", steps) + "]";

    public static void RequireKeep(string model, int keep)
    {
        if (keep < 0)
        {
            throw new RegistryException(
                $"Release policy for '{model}': keep is {keep}; it counts the versions Prune keeps besides labelled ones, so give 0 or more, e.g. 5.");
        }
    }

    public static void RequireUniqueCheck(string model, IEnumerable<AnalysisCheck> existing, AnalysisCheck check)
    {
        if (existing.Any(c => c.Name == check.Name))
        {
            throw new RegistryException(
                $"Release policy for '{model}': two analysis checks are named '{DisplayText.Escape(check.Name)}'. Give each check its own name; results are recorded by it.");
        }
    }
}
