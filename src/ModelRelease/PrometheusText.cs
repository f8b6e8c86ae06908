using System.Text;
using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// Pieces of Prometheus' text exposition format 0.0.4, for everything ModelRelease exposes (the registry's gauges,
/// the serving rehearsal's counters and histograms): family headers, samples, label sets and values, with the
/// format's escaping, so every exporter writes text promtool and Prometheus accept.
/// </summary>
public static class PrometheusText
{
    /// <summary>The content type of the text format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Appends a family's <c># HELP</c> and <c># TYPE</c> lines.</summary>
    /// <param name="text">Where the exposition is written.</param>
    /// <param name="name">The metric name.</param>
    /// <param name="type"><c>counter</c>, <c>gauge</c>, <c>histogram</c>, …</param>
    /// <param name="help">The help text; backslash and line feed are escaped.</param>
    public static void Family(StringBuilder text, string name, string type, string help)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.Append("# HELP ").Append(name).Append(' ').Append(Escape(help, escapeQuote: false)).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    /// <summary>Appends one sample line: name, label set (from <see cref="LabelSet"/>), value.</summary>
    public static void Sample(StringBuilder text, string name, string labels, double value)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.Append(name).Append(labels).Append(' ').Append(Value(value)).Append('\n');
    }

    /// <summary>A label set, <c>{name="value",…}</c>, in the order given, each value escaped.</summary>
    public static string LabelSet(params (string Name, string Value)[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var text = new StringBuilder("{");
        foreach (var (name, value) in labels)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }

            text.Append(name).Append("=\"").Append(Escape(value, escapeQuote: true)).Append('"');
        }

        return text.Append('}').ToString();
    }

    /// <summary>A sample value: the shortest text that round-trips, and <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c> as the format spells them.</summary>
    public static string Value(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => NumberText.Exact(value),
    };

    /// <summary>
    /// The format's escaping: backslash and line feed, and double quote inside a label value; a lone surrogate
    /// becomes U+FFFD, because the text must be UTF-8.
    /// </summary>
    private static string Escape(string value, bool escapeQuote)
    {
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\':
                    text.Append(@"\\");
                    break;
                case '\n':
                    text.Append(@"\n");
                    break;
                case '"' when escapeQuote:
                    text.Append("\\\"");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        text.Append(c).Append(value[++i]);
                    }
                    else
                    {
                        text.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
                    }

                    break;
            }
        }

        return text.ToString();
    }
}
