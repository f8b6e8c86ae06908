namespace ModelRelease.Pipelines.Report.Internal;

/// <summary>A line of points on a chart; <paramref name="CssClass"/> styles it (e.g. "canary", "stable").</summary>
internal sealed record ChartSeries(string Name, string CssClass, IReadOnlyList<ChartPoint> Points);
