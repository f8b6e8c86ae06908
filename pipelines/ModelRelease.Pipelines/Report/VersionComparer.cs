namespace ModelRelease.Pipelines.Report;

/// <summary>Compares two versions of a model: metrics with the policy's verdicts, hyperparameters, dataset and files.</summary>
public static class VersionComparer
{
    // The report judges metrics only. CandidateValidator always checks an artifact directory first; it is given one
    // that does not exist, and that row is dropped, so the verdicts come from the same rules Validate applies.
    private static readonly string NoArtifact = Path.Combine(Path.GetTempPath(), "modelrelease-report-judges-metrics-only");

    /// <summary>
    /// Compares <paramref name="candidate"/> with <paramref name="baseline"/>. Each metric's verdict is what Validate
    /// would say of the candidate's value with the baseline as stable, under <paramref name="policy"/>'s rule for it;
    /// without a policy or a rule it is <see cref="MetricVerdict.NoRule"/>. The file diff needs both manifests.
    /// </summary>
    public static VersionComparison Compare(
        ModelVersion baseline,
        VersionManifest? baselineManifest,
        ModelVersion candidate,
        VersionManifest? candidateManifest,
        ReleasePolicy? policy)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        if (baseline.Model != candidate.Model)
        {
            throw new RegistryException($"Cannot compare '{baseline.Name}' of '{baseline.Model}' with '{candidate.Name}' of '{candidate.Model}': pick two versions of one model.");
        }

        var names = baseline.Metrics.Keys.Union(candidate.Metrics.Keys).Order(StringComparer.Ordinal);
        var metrics = names.Select(name => Metric(name, baseline, candidate, policy)).ToList();
        var hyperparameters = baseline.Hyperparameters.Keys.Union(candidate.Hyperparameters.Keys).Order(StringComparer.Ordinal)
            .Select(name => new ValueDifference(name, baseline.Hyperparameters.GetValueOrDefault(name), candidate.Hyperparameters.GetValueOrDefault(name)))
            .ToList();
        var known = baselineManifest is not null && candidateManifest is not null;
        var files = known ? Files(baselineManifest!, candidateManifest!) : [];
        return new VersionComparison(baseline.Model, baseline, candidate, metrics, hyperparameters, files, known);
    }

    /// <summary>The files added, removed and changed from <paramref name="baseline"/> to <paramref name="candidate"/>, by path.</summary>
    public static IReadOnlyList<FileDifference> Files(VersionManifest baseline, VersionManifest candidate)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        var before = baseline.Entries.Where(e => !e.IsDirectory).ToDictionary(e => e.Path, StringComparer.Ordinal);
        var after = candidate.Entries.Where(e => !e.IsDirectory).ToDictionary(e => e.Path, StringComparer.Ordinal);
        var differences = new List<FileDifference>();
        foreach (var path in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var old = before.GetValueOrDefault(path);
            var now = after.GetValueOrDefault(path);
            if (old is null)
            {
                differences.Add(new FileDifference(path, FileChange.Added, null, now!.Size));
            }
            else if (now is null)
            {
                differences.Add(new FileDifference(path, FileChange.Removed, old.Size, null));
            }
            else if (old.Sha256 != now.Sha256 || old.Size != now.Size)
            {
                differences.Add(new FileDifference(path, FileChange.Changed, old.Size, now.Size));
            }
        }

        return differences;
    }

    private static MetricDifference Metric(string name, ModelVersion baseline, ModelVersion candidate, ReleasePolicy? policy)
    {
        double? before = baseline.Metrics.TryGetValue(name, out var b) ? b : null;
        double? after = candidate.Metrics.TryGetValue(name, out var c) ? c : null;
        var rule = policy?.Metrics.FirstOrDefault(r => r.Name == name);
        if (rule is null)
        {
            return new MetricDifference(name, before, after, MetricVerdict.NoRule, null);
        }

        // One rule at a time, so every row after the artifact's belongs to this metric.
        var single = ReleasePolicy.For(candidate.Model).Metric(rule);
        var checks = CandidateValidator.Validate(single, NoArtifact, candidate.Metrics, baseline).Checks.Skip(1).ToList();
        var failed = checks.FirstOrDefault(check => !check.Passed);
        return failed is null
            ? new MetricDifference(name, before, after, MetricVerdict.Passed, null)
            : new MetricDifference(name, before, after, MetricVerdict.Failed, failed.Note ?? $"{failed.Name}: {failed.Actual}, expected {failed.Expected}");
    }
}
