namespace ModelRelease;

/// <summary>One live version in a <see cref="ModelMetricsRow"/>.</summary>
/// <param name="Version">Version name.</param>
/// <param name="GitCommit">The commit it was built from, or <c>unknown</c>.</param>
/// <param name="DatasetVersion">The dataset version it was trained on, or <c>unknown</c>.</param>
/// <param name="Metrics">Its recorded evaluation metrics, name → value (NaN and infinities kept as recorded).</param>
public sealed record VersionMetricsRow(
    string Version,
    string GitCommit,
    string DatasetVersion,
    IReadOnlyDictionary<string, double> Metrics);
