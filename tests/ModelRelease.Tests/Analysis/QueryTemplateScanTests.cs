using System.Text.RegularExpressions;

namespace ModelRelease.Tests.Analysis;

/// <summary>
/// Query templates' placeholders, found by hand: checked against the regular expressions they were found by before,
/// on many random templates built from the pieces that matter (braces, names, whitespace, typos).
/// </summary>
public sealed class QueryTemplateScanTests
{
    private static readonly Regex AnyPlaceholder = new(@"\{\{(?<name>[^{}]*)\}\}", RegexOptions.CultureInvariant);
    private static readonly Regex Placeholder = new(@"\{\{\s*(?<name>[a-z]+)\s*\}\}", RegexOptions.CultureInvariant);

    private static readonly string[] Pieces = ["{", "}", "{{", "}}", "model", "version", "label", "modle", " ", "\t", "x", "=\"", "\u00a0", "Model"];

    private static IEnumerable<string> Templates()
    {
        var random = new Random(20261203);
        for (var i = 0; i < 30_000; i++)
        {
            yield return string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => Pieces[random.Next(Pieces.Length)]));
        }
    }

    /// <summary>The check as the regexes made it: the first unknown name, else a stray double brace, else none.</summary>
    private static string? ExpectedProblem(string text)
    {
        foreach (Match match in AnyPlaceholder.Matches(text))
        {
            if (!QueryTemplate.Placeholders.Contains(match.Groups["name"].Value.Trim()))
            {
                return "unknown " + match.Groups["name"].Value;
            }
        }

        var rest = AnyPlaceholder.Replace(text, "");
        return rest.Contains("{{", StringComparison.Ordinal) ? "{{" : rest.Contains("}}", StringComparison.Ordinal) ? "}}" : null;
    }

    [Fact]
    public void Should_Refuse_And_Accept_The_Templates_The_Regexes_Did()
    {
        var kinds = new HashSet<string>();
        foreach (var text in Templates().Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            var expected = ExpectedProblem(text);
            kinds.Add(expected is null ? "valid" : expected.StartsWith("unknown", StringComparison.Ordinal) ? "unknown" : "stray");
            var problem = QueryTemplate.Problem(text);
            var said = expected switch
            {
                null => problem is null,
                "{{" or "}}" => problem is not null && problem.Contains($"'{expected}' is not part of a placeholder", StringComparison.Ordinal),
                _ => problem is not null && problem.Contains($"unknown placeholder '{{{{{DisplayText.Escape(expected["unknown ".Length..])}}}}}'", StringComparison.Ordinal),
            };
            Assert.True(said, $"'{text}': expected {expected ?? "no problem"}, got {problem ?? "none"}");
        }

        Assert.Equal(["stray", "unknown", "valid"], kinds.Order(StringComparer.Ordinal)); // the samples reach every outcome
    }

    [Fact]
    public void Should_Render_Valid_Templates_As_The_Regex_Did()
    {
        foreach (var text in Templates().Where(t => !string.IsNullOrWhiteSpace(t) && QueryTemplate.Problem(t) is null))
        {
            var expected = Placeholder.Replace(text, m => m.Groups["name"].Value switch { "model" => "M", "version" => "V", _ => "L" });
            Assert.Equal(expected, QueryTemplate.Parse(text).Render("M", "V", "L"));
        }
    }
}
