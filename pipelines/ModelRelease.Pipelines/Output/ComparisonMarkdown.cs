using System.Text;
using ModelRelease.Pipelines.Report;

namespace ModelRelease.Pipelines.Output;

/// <summary>
/// The report's comparison as Markdown for a job summary (<c>GITHUB_STEP_SUMMARY</c>) or a pull-request comment: the
/// metric table candidate against baseline with the policy's verdicts, the dataset, and counts of changed
/// hyperparameters and files. Always under GitHub's 1 MiB limit: rows past it are counted, not written.
/// </summary>
public static class ComparisonMarkdown
{
    /// <summary>GitHub refuses a step summary over 1 MiB; this leaves room for the other tasks' sections.</summary>
    public const int MaxBytes = 512 * 1024;

    /// <summary>The Markdown for <paramref name="comparison"/>, at most <paramref name="maxBytes"/> UTF-8 bytes.</summary>
    public static string Render(VersionComparison comparison, int maxBytes = MaxBytes)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var baseline = comparison.Baseline;
        var candidate = comparison.Candidate;
        var head = new StringBuilder();
        head.Append($"### {MarkdownText.Escape(comparison.Model)}: {MarkdownText.Escape(candidate.Name)} against {MarkdownText.Escape(baseline.Name)}\n\n");
        var failed = comparison.Metrics.Count(m => m.Verdict == MetricVerdict.Failed);
        head.Append(failed == 0
            ? "Every metric the policy names passes against the baseline.\n\n"
            : $"**{failed} of {comparison.Metrics.Count(m => m.Verdict != MetricVerdict.NoRule)} metrics the policy names fail** against the baseline.\n\n");

        var tail = new StringBuilder("\n");
        tail.Append(comparison.DatasetChanged
            ? $"Dataset: changed, {MarkdownText.Escape(baseline.Dataset.Value)} → {MarkdownText.Escape(candidate.Dataset.Value)}.\n"
            : $"Dataset: same, {MarkdownText.Escape(candidate.Dataset.Value)}.\n");
        var changed = comparison.Hyperparameters.Where(h => h.Changed).Select(h => h.Name).ToList();
        tail.Append(changed.Count == 0
            ? "Hyperparameters: same.\n"
            : $"Hyperparameters: {changed.Count} changed ({MarkdownText.Escape(string.Join(", ", changed.Take(20)))}{(changed.Count > 20 ? ", …" : "")}).\n");
        tail.Append(comparison.ManifestsKnown
            ? $"Files: {Count(comparison, FileChange.Added)} added, {Count(comparison, FileChange.Removed)} removed, {Count(comparison, FileChange.Changed)} changed " +
              $"({ByteSize.Format(baseline.TotalBytes)} → {ByteSize.Format(candidate.TotalBytes)}).\n"
            : "Files: a manifest is not in the store, so there is no file diff.\n");

        string[] header = ["metric", $"{baseline.Name} (baseline)", $"{candidate.Name} (candidate)", "difference", "verdict"];
        var rows = comparison.Metrics.Select(Row).ToList();
        var budget = maxBytes - Encoding.UTF8.GetByteCount(head.ToString()) - Encoding.UTF8.GetByteCount(tail.ToString()) - 200;
        var shown = rows.Count;
        var table = MarkdownText.Table(header, rows);
        while (Encoding.UTF8.GetByteCount(table) > budget && shown > 0)
        {
            shown /= 2;
            table = MarkdownText.Table(header, rows.Take(shown));
        }

        var omitted = rows.Count - shown;
        var note = omitted > 0 ? $"\n{omitted} more metrics are not shown (a job summary holds at most 1 MiB); the HTML report has them all.\n" : "";
        return head.Append(rows.Count == 0 ? "Neither version has metrics.\n" : table).Append(note).Append(tail).ToString();
    }

    private static string?[] Row(MetricDifference m) =>
    [
        m.Name,
        m.Baseline is { } b ? ReleaseText.Number(b) : "—",
        m.Candidate is { } c ? ReleaseText.Number(c) : "—",
        m.Difference is { } d ? (d > 0 ? "+" : "") + ReleaseText.Number(d) : "—",
        m.Verdict switch
        {
            MetricVerdict.Passed => "✅ passed",
            MetricVerdict.Failed => $"❌ failed: {m.Detail}",
            _ => "no rule",
        },
    ];

    private static int Count(VersionComparison comparison, FileChange change) => comparison.Files.Count(f => f.Change == change);
}
