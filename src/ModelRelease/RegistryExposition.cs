using System.Globalization;
using System.Text;
using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// Renders a <see cref="RegistryMetricsSnapshot"/> in Prometheus' text exposition format 0.0.4, for a Pushgateway
/// (<see cref="PushgatewayPublisher"/>) or node_exporter's textfile collector (<see cref="WriteTextFile"/>). Every
/// family is a gauge:
/// <list type="bullet">
/// <item><c>model_label_version{model,label,version}</c>: the label's traffic weight in percent (stable 100 minus the
/// canary's weight, canary its weight, golden and custom labels 0). The value is the weight and the labels name the
/// version, so one series answers both "which version is canary" and "how much traffic does it get".</item>
/// <item><c>model_last_rollback_timestamp_seconds{model}</c>: Unix time of the model's last rollback; absent when it never rolled back.</item>
/// <item><c>model_version_info{model,version,git_commit,dataset_version}</c>: always 1, the provenance to join on.</item>
/// <item><c>model_version_performance{model,version,metric}</c>: a recorded evaluation metric of a live version.</item>
/// </list>
/// The output is deterministic: families by name, series by their label values (ordinal), so an unchanged registry
/// renders the same bytes and an atomic rewrite of an unchanged file is skipped.
/// </summary>
public static class RegistryExposition
{
    /// <summary>The extension node_exporter's textfile collector reads; it ignores every other file.</summary>
    public const string TextFileExtension = ".prom";

    /// <summary>The <c>Content-Type</c> of the text this class renders.</summary>
    public const string ContentType = PrometheusText.ContentType;

    /// <summary>The exposition text of <paramref name="snapshot"/>; empty when it holds no series. Lines end with <c>\n</c>.</summary>
    public static string Render(RegistryMetricsSnapshot snapshot)
    {
        var text = new StringBuilder();
        foreach (var family in Families(snapshot))
        {
            PrometheusText.Family(text, family.Name, "gauge", family.Help);
            foreach (var series in family.Series)
            {
                PrometheusText.Sample(text, family.Name, series.Labels, series.Value);
            }
        }

        return text.ToString();
    }

    /// <summary>How many families and series <paramref name="snapshot"/> renders to, for a summary line.</summary>
    public static (int Families, int Series) Count(RegistryMetricsSnapshot snapshot)
    {
        var families = Families(snapshot);
        return (families.Count, families.Sum(f => f.Series.Count));
    }

    /// <summary>
    /// Writes the exposition text of <paramref name="snapshot"/> to <paramref name="path"/> atomically (a temporary
    /// sibling renamed over it), so node_exporter never scrapes half a file. An unchanged file is left as it is.
    /// </summary>
    /// <exception cref="RegistryException">The path does not end in <c>.prom</c>, its directory does not exist, or it cannot be written.</exception>
    public static void WriteTextFile(RegistryMetricsSnapshot snapshot, string path)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!path.EndsWith(TextFileExtension, StringComparison.Ordinal) || Path.GetFileName(path) == TextFileExtension)
        {
            throw new RegistryException(
                $"The metrics file {DisplayText.Escape(path)} does not end in {TextFileExtension}: node_exporter's textfile collector reads only *{TextFileExtension} files, so it would never be scraped. Name it e.g. modelrelease{TextFileExtension}.");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
        {
            throw new RegistryException(
                $"The directory of the metrics file {DisplayText.Escape(path)} does not exist. Create it (it is node_exporter's --collector.textfile.directory), or pick a file in an existing directory.");
        }

        try
        {
            AtomicFile.WriteAllTextIfChanged(path, Render(snapshot));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RegistryException($"Could not write the metrics file {DisplayText.Escape(path)}: {e.Message}. Check that it is not a directory and that its directory is writable.", e);
        }
    }

    private sealed record Series(string Labels, double Value);

    private sealed record Family(string Name, string Help, IReadOnlyList<Series> Series);

    private static List<Family> Families(RegistryMetricsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var labels = new List<Series>();
        var rollbacks = new List<Series>();
        var info = new List<Series>();
        var performance = new List<Series>();
        foreach (var model in snapshot.Models)
        {
            foreach (var label in model.Labels)
            {
                labels.Add(new Series(PrometheusText.LabelSet(("model", model.Model), ("label", label.Label), ("version", label.Version)), label.Weight));
            }

            if (model.LastRollbackAt is { } at)
            {
                rollbacks.Add(new Series(PrometheusText.LabelSet(("model", model.Model)), at.ToUnixTimeMilliseconds() / 1000.0));
            }

            foreach (var version in model.Versions)
            {
                info.Add(new Series(PrometheusText.LabelSet(("model", model.Model), ("version", version.Version), ("git_commit", version.GitCommit), ("dataset_version", version.DatasetVersion)), 1));
                foreach (var (metric, value) in version.Metrics)
                {
                    performance.Add(new Series(PrometheusText.LabelSet(("model", model.Model), ("version", version.Version), ("metric", metric)), value));
                }
            }
        }

        Family[] families =
        [
            new("model_label_version", "Traffic weight in percent of the version a label points at (stable: 100 minus the canary's weight; canary: its weight; golden and other labels: 0).", Sorted(labels)),
            new("model_last_rollback_timestamp_seconds", "Unix time of the model's last rollback.", Sorted(rollbacks)),
            new("model_version_info", "A live model version with its git commit and dataset version; always 1.", Sorted(info)),
            new("model_version_performance", "An evaluation metric recorded with a live model version.", Sorted(performance)),
        ];
        return families.Where(f => f.Series.Count > 0).ToList();
    }

    // The label names are fixed and in the same order within a family, so ordering by the rendered label set orders
    // by the values, model first.
    private static List<Series> Sorted(List<Series> series) => series.OrderBy(s => s.Labels, StringComparer.Ordinal).ToList();
}
