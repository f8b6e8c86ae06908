using System.Globalization;
using System.Text;

namespace ModelRelease.Pipelines.Report.Internal;

/// <summary>The version table: one row per version, newest first; the page's script sorts it by a column and filters it.</summary>
internal static class VersionTableHtml
{
    private static readonly (string Title, string Type)[] Columns =
    [
        ("version", "text"), ("number", "number"), ("created (UTC)", "text"), ("commit", "text"), ("dataset", "text"),
        ("blessing", "text"), ("labels", "text"), ("size", "number"),
    ];

    public static string Render(ModelReport report)
    {
        var html = new StringBuilder();
        html.Append("<div class=\"table-tools\"><label>Filter <input type=\"search\" class=\"version-filter\" placeholder=\"name, commit, dataset, label…\"></label>");
        html.Append("<span class=\"shown\"></span></div>");
        html.Append("<table class=\"versions\"><thead><tr>");
        for (var i = 0; i < Columns.Length; i++)
        {
            html.Append($"<th data-column=\"{i}\" data-type=\"{Columns[i].Type}\" tabindex=\"0\">{Columns[i].Title}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var version in report.Versions.Reverse())
        {
            var labels = report.Labels.Where(l => l.Version == version.Name).Select(l => l.Weight is { } w ? $"{l.Label} {w}%" : l.Label).ToList();
            html.Append($"<tr data-version=\"{HtmlText.Encode(version.Name)}\"{(version.IsPruned ? " class=\"pruned\"" : "")}>");
            html.Append($"<td>{HtmlText.Encode(version.Name)}{(version.IsPruned ? " <small>(pruned)</small>" : "")}</td>");
            var number = version.Number.ToString(CultureInfo.InvariantCulture);
            html.Append($"<td data-sort=\"{number}\">{number}</td>");
            html.Append($"<td>{HtmlText.Encode(ReleaseText.Time(version.CreatedAt).TrimEnd('Z'))}</td>");
            html.Append($"<td>{Commit(version.Git)}</td>");
            html.Append($"<td>{HtmlText.Encode(version.Dataset.Value)}</td>");
            var blessing = version.Blessing.ToString().ToLowerInvariant();
            html.Append($"<td class=\"blessing {blessing}\" title=\"{HtmlText.Encode(version.BlessingReason)}\">{blessing}</td>");
            html.Append($"<td class=\"labels\">{string.Join(" ", labels.Select(l => $"<span class=\"label\">{HtmlText.Encode(l)}</span>"))}</td>");
            html.Append($"<td data-sort=\"{version.TotalBytes.ToString(CultureInfo.InvariantCulture)}\">{ByteSize.Format(version.TotalBytes)}</td>");
            html.Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    private static string Commit(GitProvenance git)
    {
        var text = HtmlText.Encode(ReleaseText.ShortCommit(git));
        return CommitLink.Of(git) is { } url ? $"<a href=\"{HtmlText.Encode(url)}\" title=\"{HtmlText.Encode(git.Commit)}\">{text}</a>" : text;
    }
}
