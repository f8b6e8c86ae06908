namespace ModelRelease.Pipelines.Report.Internal;

/// <summary>One point: its place on the x axis (an index into the chart's x labels), its value, and its tooltip.</summary>
/// <param name="X">Index into the chart's x labels.</param>
/// <param name="Y">The value.</param>
/// <param name="Title">The tooltip.</param>
/// <param name="Key">What the point stands for (a version name), written as data-key for the page's script and tests.</param>
/// <param name="CssClass">Extra classes, e.g. "failed" or "stable".</param>
internal sealed record ChartPoint(int X, double Y, string Title, string Key, string CssClass = "");
