namespace ModelRelease.Pipelines.Report.Internal;

/// <summary>A line of points on a chart.</summary>
/// <param name="Name">What the line shows (the legend, or a threshold's condition).</param>
/// <param name="CssClass">Styles it, e.g. "canary", "stable", "success".</param>
/// <param name="Points">Its points, left to right.</param>
/// <param name="IsThreshold">
/// A threshold that moves with each measurement (a condition on stable): drawn as a dashed line only, with no points
/// to count and no legend entry.
/// </param>
internal sealed record ChartSeries(string Name, string CssClass, IReadOnlyList<ChartPoint> Points, bool IsThreshold = false);
