namespace ModelRelease.Pipelines.Report.Internal;

/// <summary>A horizontal line across a chart at <paramref name="Y"/>: a policy bound or a condition's threshold.</summary>
internal sealed record ChartRule(double Y, string Label, string CssClass);
