using System.Text;

namespace ModelRelease;

/// <summary>
/// A metric query with placeholders for what is being measured: <c>{{model}}</c>, <c>{{version}}</c> and
/// <c>{{label}}</c> (whitespace inside the braces is allowed), e.g.
/// <c>histogram_quantile(0.99, sum by (le) (rate(latency_bucket{model="{{model}}",version="{{version}}"}[5m])))</c>.
/// PromQL's own single braces are left alone; only double braces are placeholders, and a placeholder this tool does
/// not know is refused when the template is parsed, so a typo fails the policy instead of querying the wrong series.
/// </summary>
/// <param name="Text">The template as written.</param>
public sealed record QueryTemplate(string Text)
{
    /// <summary>The placeholders a template may use.</summary>
    public static IReadOnlyList<string> Placeholders { get; } = ["model", "version", "label"];

    /// <summary>Checks <paramref name="text"/>'s placeholders and returns it as a template.</summary>
    /// <exception cref="RegistryException">The text is empty, a placeholder is unknown, or a <c>{{</c> or <c>}}</c> is unbalanced.</exception>
    public static QueryTemplate Parse(string text)
    {
        if (Problem(text) is { } problem)
        {
            throw new RegistryException(problem);
        }

        return new QueryTemplate(text);
    }

    /// <summary>
    /// The query with each placeholder replaced. Values go in as they are: model and version names are restricted to
    /// <c>[a-z0-9._-]</c>, so they cannot break out of a PromQL string.
    /// </summary>
    public string Render(string model, string version, string label)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(label);
        var rendered = new StringBuilder(Text.Length + 64);
        var copied = 0;
        foreach (var (start, end, name) in Spans(Text))
        {
            rendered.Append(Text, copied, start - copied).Append(name.Trim() switch
            {
                "model" => model,
                "version" => version,
                "label" => label,
                var other => throw new InvalidOperationException($"Query template placeholder '{other}' was not checked by Parse."),
            });
            copied = end;
        }

        return rendered.Append(Text, copied, Text.Length - copied).ToString();
    }

    /// <summary><see cref="Text"/>.</summary>
    public override string ToString() => Text;

    /// <summary>Why <paramref name="text"/> is not a valid template, or null when it is.</summary>
    internal static string? Problem(string? text)
    {
        var valid = string.Join(", ", Placeholders.Select(p => "{{" + p + "}}"));
        if (string.IsNullOrWhiteSpace(text))
        {
            return $"A metric query is empty. Write the query that measures one version, e.g. sum(rate(errors_total{{version=\"{{{{version}}}}\"}}[5m])), using {valid}.";
        }

        var shown = DisplayText.Escape(text);
        var rest = new StringBuilder(text.Length);
        var copied = 0;
        foreach (var (start, end, name) in Spans(text))
        {
            if (!Placeholders.Contains(name.Trim()))
            {
                return $"Query \"{shown}\": unknown placeholder '{{{{{DisplayText.Escape(name)}}}}}'. Valid placeholders: {valid}.";
            }

            rest.Append(text, copied, start - copied);
            copied = end;
        }

        // What is left once the placeholders are gone must hold no double brace: "{{version}" or "version}}" is a
        // placeholder with a brace missing, which would otherwise be sent to Prometheus as text.
        var left = rest.Append(text, copied, text.Length - copied).ToString();
        var stray = left.Contains("{{", StringComparison.Ordinal) ? "{{" : left.Contains("}}", StringComparison.Ordinal) ? "}}" : null;
        return stray is null
            ? null
            : $"Query \"{shown}\": '{stray}' is not part of a placeholder (a brace is missing). Write placeholders as {valid}.";
    }

    /// <summary>
    /// Each <c>{{…}}</c> holding no brace itself, leftmost first: the placeholders, and the typos of one. Where a span
    /// fails (<c>{{{x}}</c>), the search goes on from the next character, so <c>{{x}}</c> inside it is found. Scanned
    /// by hand rather than by a regex: every release command builds its host's policies, and the first generated
    /// regex of an assembly builds the search tables of all of them.
    /// </summary>
    private static IEnumerable<(int Start, int End, string Name)> Spans(string text)
    {
        var open = text.IndexOf("{{", StringComparison.Ordinal);
        while (open >= 0)
        {
            var close = open + 2;
            while (close < text.Length && text[close] is not ('{' or '}'))
            {
                close++;
            }

            if (close + 1 < text.Length && text[close] == '}' && text[close + 1] == '}')
            {
                yield return (open, close + 2, text[(open + 2)..close]);
                open = text.IndexOf("{{", close + 2, StringComparison.Ordinal);
            }
            else
            {
                open = text.IndexOf("{{", open + 1, StringComparison.Ordinal);
            }
        }
    }
}
