using System.Text;
using System.Text.RegularExpressions;

namespace ModelRelease;

/// <summary>
/// A metric query with placeholders for what is being measured: <c>{{model}}</c>, <c>{{version}}</c> and
/// <c>{{label}}</c> (whitespace inside the braces is allowed), e.g.
/// <c>histogram_quantile(0.99, sum by (le) (rate(latency_bucket{model="{{model}}",version="{{version}}"}[5m])))</c>.
/// PromQL's own single braces are left alone; only double braces are placeholders, and a placeholder this tool does
/// not know is refused when the template is parsed, so a typo fails the policy instead of querying the wrong series.
/// </summary>
/// <param name="Text">The template as written.</param>
public sealed partial record QueryTemplate(string Text)
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
        return Placeholder().Replace(Text, m => m.Groups["name"].Value switch
        {
            "model" => model,
            "version" => version,
            "label" => label,
            var other => throw new InvalidOperationException($"Query template placeholder '{other}' was not checked by Parse."),
        });
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
        foreach (Match match in AnyPlaceholder().Matches(text))
        {
            var name = match.Groups["name"].Value.Trim();
            if (!Placeholders.Contains(name))
            {
                return $"Query \"{shown}\": unknown placeholder '{{{{{DisplayText.Escape(match.Groups["name"].Value)}}}}}'. Valid placeholders: {valid}.";
            }
        }

        // What is left once the placeholders are gone must hold no double brace: "{{version}" or "version}}" is a
        // placeholder with a brace missing, which would otherwise be sent to Prometheus as text.
        var rest = AnyPlaceholder().Replace(text, "");
        var stray = rest.Contains("{{", StringComparison.Ordinal) ? "{{" : rest.Contains("}}", StringComparison.Ordinal) ? "}}" : null;
        return stray is null
            ? null
            : $"Query \"{shown}\": '{stray}' is not part of a placeholder (a brace is missing). Write placeholders as {valid}.";
    }

    [GeneratedRegex(@"\{\{\s*(?<name>[a-z]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    // Anything between double braces that holds no brace itself: the known names and the typos.
    [GeneratedRegex(@"\{\{(?<name>[^{}]*)\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex AnyPlaceholder();
}
