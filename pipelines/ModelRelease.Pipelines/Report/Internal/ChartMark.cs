namespace ModelRelease.Pipelines.Report.Internal;

/// <summary>A vertical line at x label <paramref name="X"/>, naming what is there (stable, canary).</summary>
internal sealed record ChartMark(int X, string Label, string CssClass);
