using System.Text;
using System.Text.Json;

namespace ModelRelease.Pipelines.Report.Internal;

/// <summary>The label moves, oldest first: when, which label from which version to which, the canary's weight, who and why.</summary>
internal static class TimelineHtml
{
    public static string Render(ModelReport report)
    {
        if (report.LabelEvents.Count == 0)
        {
            return "<p class=\"empty\">No label has moved yet.</p>";
        }

        var html = new StringBuilder("<ol class=\"timeline\">");
        foreach (var e in report.LabelEvents)
        {
            var weight = Weight(e) is { } w ? $" <span class=\"weight\">{w}%</span>" : "";
            html.Append($"<li class=\"event {EventKindNames.Of(e.Kind)}\" data-event=\"{e.Id}\">");
            html.Append($"<time datetime=\"{e.At.UtcDateTime:O}\">{HtmlText.Encode(ReleaseText.Time(e.At))}</time> ");
            html.Append($"<span class=\"kind\">{HtmlText.Encode(EventKindNames.Of(e.Kind))}</span> ");
            html.Append($"<span class=\"label\">{HtmlText.Encode(e.Label)}</span>: ");
            html.Append($"{HtmlText.Encode(e.FromVersion ?? "unset")} → <b>{HtmlText.Encode(e.ToVersion ?? "unset")}</b>{weight} ");
            html.Append($"<span class=\"by\">by {HtmlText.Encode($"{e.Actor}@{e.Host}")}</span>");
            if (!string.IsNullOrEmpty(e.Reason))
            {
                html.Append($"<q class=\"reason\">{HtmlText.Encode(e.Reason)}</q>");
            }

            html.Append("</li>");
        }

        return html.Append("</ol>").ToString();
    }

    // A canary move records {"weight": n} as its evidence; anything else (or an older plain-text row) has none.
    private static int? Weight(RegistryEvent e) =>
        e.ReadEvidence() is { ValueKind: JsonValueKind.Object } evidence
        && evidence.TryGetProperty("weight", out var weight) && weight.TryGetInt32(out var value) ? value : null;
}
