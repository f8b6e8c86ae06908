using System.Text;

namespace ModelRelease.Pipelines.Report.Internal;

/// <summary>
/// A small line chart as inline SVG, drawn at generation time so the page needs no script or library to show it.
/// Every point is a <c>circle.point</c> with its key and value, so a test (or a person with the inspector) can count
/// and read them.
/// </summary>
internal static class SvgChart
{
    private const double Width = 520, Height = 230, Left = 64, Right = 16, Top = 28, Bottom = 44;
    private const int MaxXLabels = 8;

    public static string Line(
        string title,
        IReadOnlyList<string> xLabels,
        IReadOnlyList<ChartSeries> series,
        IReadOnlyList<ChartRule> rules,
        IReadOnlyList<ChartMark> marks,
        string cssClass)
    {
        var values = series.SelectMany(s => s.Points).Select(p => p.Y).Concat(rules.Select(r => r.Y)).Where(double.IsFinite).ToList();
        var (low, high) = Range(values);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int index) => xLabels.Count <= 1 ? Left + plotWidth / 2 : Left + plotWidth * index / (xLabels.Count - 1);
        double Y(double value) => Top + plotHeight * (high - value) / (high - low);

        var svg = new StringBuilder();
        var points = series.Where(s => !s.IsThreshold).Sum(s => s.Points.Count(p => double.IsFinite(p.Y)));
        svg.Append($"<svg class=\"chart {cssClass}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" data-points=\"{points}\">");
        svg.Append($"<title>{HtmlText.Encode(title)}</title>");
        svg.Append($"<text class=\"chart-title\" x=\"{Left}\" y=\"16\">{HtmlText.Encode(title)}</text>");
        svg.Append($"<rect class=\"plot\" x=\"{Left}\" y=\"{Top}\" width=\"{HtmlText.Coordinate(plotWidth)}\" height=\"{HtmlText.Coordinate(plotHeight)}\"/>");
        for (var tick = 0; tick <= 4; tick++)
        {
            var value = low + (high - low) * tick / 4;
            var y = HtmlText.Coordinate(Y(value));
            svg.Append($"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y}\" y2=\"{y}\"/>");
            svg.Append($"<text class=\"tick\" x=\"{Left - 6}\" y=\"{y}\" text-anchor=\"end\" dominant-baseline=\"middle\">{HtmlText.Encode(ReleaseText.Number(value))}</text>");
        }

        var step = Math.Max(1, (int)Math.Ceiling(xLabels.Count / (double)MaxXLabels));
        for (var i = 0; i < xLabels.Count; i += step)
        {
            svg.Append($"<text class=\"tick\" x=\"{HtmlText.Coordinate(X(i))}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{HtmlText.Encode(Shorten(xLabels[i]))}</text>");
        }

        foreach (var rule in rules.Where(r => double.IsFinite(r.Y)))
        {
            var y = HtmlText.Coordinate(Y(rule.Y));
            svg.Append($"<line class=\"rule {rule.CssClass}\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y}\" y2=\"{y}\"><title>{HtmlText.Encode(rule.Label)}</title></line>");
            svg.Append($"<text class=\"rule-label {rule.CssClass}\" x=\"{Width - Right - 4}\" y=\"{y}\" dy=\"-3\" text-anchor=\"end\">{HtmlText.Encode(rule.Label)}</text>");
        }

        foreach (var mark in marks)
        {
            var x = HtmlText.Coordinate(X(mark.X));
            svg.Append($"<line class=\"mark {mark.CssClass}\" x1=\"{x}\" x2=\"{x}\" y1=\"{Top}\" y2=\"{Height - Bottom}\"/>");
            svg.Append($"<text class=\"mark-label {mark.CssClass}\" x=\"{x}\" y=\"{Height - 8}\" text-anchor=\"middle\">{HtmlText.Encode(mark.Label)}</text>");
        }

        foreach (var line in series)
        {
            var finite = line.Points.Where(p => double.IsFinite(p.Y)).ToList();
            if (finite.Count >= 2)
            {
                var path = string.Join(" ", finite.Select(p => $"{HtmlText.Coordinate(X(p.X))},{HtmlText.Coordinate(Y(p.Y))}"));
                svg.Append(line.IsThreshold
                    ? $"<polyline class=\"series threshold {line.CssClass}\" points=\"{path}\"><title>{HtmlText.Encode(line.Name)}</title></polyline>"
                    : $"<polyline class=\"series {line.CssClass}\" points=\"{path}\"/>");
            }

            foreach (var point in line.IsThreshold ? [] : finite)
            {
                svg.Append($"<circle class=\"point {line.CssClass} {point.CssClass}\" cx=\"{HtmlText.Coordinate(X(point.X))}\" cy=\"{HtmlText.Coordinate(Y(point.Y))}\" r=\"4\" ");
                svg.Append($"data-key=\"{HtmlText.Encode(point.Key)}\" data-value=\"{HtmlText.Encode(ReleaseText.Number(point.Y))}\"><title>{HtmlText.Encode(point.Title)}</title></circle>");
            }
        }

        if (series.Count(s => !s.IsThreshold) > 1)
        {
            var x = Left;
            foreach (var line in series.Where(s => !s.IsThreshold))
            {
                svg.Append($"<text class=\"legend {line.CssClass}\" x=\"{x + 200}\" y=\"16\">● {HtmlText.Encode(line.Name)}</text>");
                x += 90;
            }
        }

        return svg.Append("</svg>").ToString();
    }

    // A flat series (one version, or equal values) still needs a range to draw in; pad so points are off the border.
    private static (double Low, double High) Range(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return (0, 1);
        }

        var low = values.Min();
        var high = values.Max();
        var pad = high > low ? (high - low) * 0.08 : Math.Max(Math.Abs(high) * 0.05, 0.5);
        return (low - pad, high + pad);
    }

    private static string Shorten(string label) => label.Length <= 14 ? label : label[..6] + "…" + label[^6..];
}
