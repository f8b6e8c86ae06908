using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// The Validate gate (TFX's Evaluator blessing, as a pure function): checks a candidate's artifact and metrics
/// against a <see cref="ReleasePolicy"/> and the current stable version, and reports every check, passed or not, so
/// a rejection says everything that was wrong at once. It reads the artifact directory and changes nothing.
/// </summary>
public static class CandidateValidator
{
    /// <summary>
    /// Validates a candidate. The rows, in order: the artifact's layout; then for each metric rule, presence (a finite
    /// number; a missing optional metric passes and skips the rest), its at-least and at-most bounds, and its
    /// regression against <paramref name="stable"/> when the rule has a tolerance. Metrics the policy does not name
    /// are ignored. With no stable version (a first release) there are no regression rows.
    /// </summary>
    /// <param name="policy">The rules; checked first.</param>
    /// <param name="artifactDirectory">The candidate's directory; a missing one is a failed check, not an error.</param>
    /// <param name="metrics">The candidate's evaluation metrics, e.g. from <see cref="MetricsInput.Parse"/>.</param>
    /// <param name="stable">The version currently labelled stable, or null when there is none.</param>
    /// <exception cref="RegistryException">The policy is not valid, or no artifact directory was given.</exception>
    /// <exception cref="ArgumentException"><paramref name="stable"/> is a version of another model.</exception>
    public static ValidationReport Validate(
        ReleasePolicy policy,
        string artifactDirectory,
        IReadOnlyDictionary<string, double> metrics,
        ModelVersion? stable)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(metrics);
        policy.Validate();
        if (string.IsNullOrWhiteSpace(artifactDirectory))
        {
            throw new RegistryException("No candidate artifact was given. Pass the exported model's directory, e.g. --artifact=export/sentiment.");
        }

        // Comparing against another model's stable version would bless or reject on meaningless numbers.
        if (stable is not null && stable.Model != policy.Model)
        {
            throw new ArgumentException(
                $"The stable version '{stable.Name}' belongs to model '{stable.Model}', but the policy is for '{policy.Model}'. Pass the stable version of '{policy.Model}'.",
                nameof(stable));
        }

        List<ValidationCheck> checks = [ArtifactStructure.Check(policy.Artifact, artifactDirectory)];
        foreach (var rule in policy.Metrics)
        {
            checks.AddRange(MetricChecks.For(rule, metrics, stable));
        }

        return new ValidationReport(policy.Model, checks, stable?.Name);
    }
}
