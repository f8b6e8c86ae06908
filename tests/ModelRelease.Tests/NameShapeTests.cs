using System.Text.RegularExpressions;

namespace ModelRelease.Tests;

/// <summary>
/// The name and label rules, checked against the regular expressions they replaced: every string of up to three characters
/// over an alphabet of every kind of character the rules treat differently, plus longer samples.
/// </summary>
public sealed class NameShapeTests
{
    private static readonly Regex ModelPattern = new(@"^[a-z0-9][a-z0-9._-]*\z", RegexOptions.CultureInvariant);
    private static readonly Regex VersionPattern = new(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z", RegexOptions.CultureInvariant);
    private static readonly Regex LabelPattern = new(@"^[a-z][a-z0-9_-]*\z", RegexOptions.CultureInvariant);

    private const string Alphabet = "az09AZ._-/ \n\u00e9\u0130\u212a`{@[:";

    private static IEnumerable<string> Strings()
    {
        yield return "";
        foreach (var a in Alphabet)
        {
            yield return a.ToString();
            foreach (var b in Alphabet)
            {
                yield return $"{a}{b}";
                foreach (var c in Alphabet)
                {
                    yield return $"{a}{b}{c}";
                }
            }
        }

        yield return "fraud-detector_2.v1";
        yield return "Release_7";
        yield return "resnet50.v2\n";
    }

    [Fact]
    public void Should_Accept_Exactly_The_Model_Names_The_Pattern_Accepts()
    {
        foreach (var name in Strings().Where(n => n.Length > 0 && !Names.ReservedModelNames.Contains(n, StringComparer.OrdinalIgnoreCase)))
        {
            Assert.True(ModelPattern.IsMatch(name) == (Names.ModelProblem(name) is null), $"model name '{Regex.Escape(name)}'");
        }
    }

    [Fact]
    public void Should_Accept_Exactly_The_Version_Names_The_Pattern_Accepts()
    {
        foreach (var name in Strings().Where(n => n.Length > 0))
        {
            var expected = VersionPattern.IsMatch(name) && !name.Contains("..", StringComparison.Ordinal);
            Assert.True(expected == (Names.VersionProblem(name) is null), $"version name '{Regex.Escape(name)}'");
        }
    }

    [Fact]
    public void Should_Accept_Exactly_The_Labels_The_Pattern_Accepts()
    {
        foreach (var label in Strings().Where(n => n.Length > 0 && !LabelNames.Reserved.Contains(n)))
        {
            Assert.True(LabelPattern.IsMatch(label) == (LabelNames.Problem(label) is null), $"label '{Regex.Escape(label)}'");
        }
    }
}
