using System.Text.RegularExpressions;
using ModelRelease.Internal;

namespace ModelRelease.Tests;

/// <summary>
/// The secret-name rule, checked against the case-insensitive regular expression it replaced: it must catch every
/// name that caught, and on ASCII names say exactly the same.
/// </summary>
public sealed class SecretNameTests
{
    private static readonly Regex SecretName = new(
        "(token|secret|password|passwd|pwd|credential|api[-_]?key|private[-_]?key|access[-_]?key)", RegexOptions.IgnoreCase);

    private static readonly string[] Words =
    [
        "token", "secret", "password", "passwd", "pwd", "credential", "apikey", "api-key", "api_key", "api.key",
        "privatekey", "private-key", "private_key", "accesskey", "access-key", "access_key", "access--key",
        "model", "root", "reason", "prometheus", "tok", "secre", "keys", "api", "pass", "word",
    ];

    private static IEnumerable<string> Names()
    {
        foreach (var word in Words)
        {
            foreach (var form in new[] { word, word.ToUpperInvariant(), char.ToUpperInvariant(word[0]) + word[1..] })
            {
                yield return form;
                yield return "GITHUB_" + form;
                yield return form + "-file";
                yield return "my" + form + "x";
            }

            // What a case-insensitive regex also takes for k, s and i.
            yield return word.Replace('k', '\u212a');
            yield return word.Replace('s', '\u017f');
            yield return word.Replace('i', '\u0130');
            yield return word.Replace('i', '\u0131');
        }
    }

    [Fact]
    public void Should_Catch_Every_Name_The_Regex_Caught_And_Agree_On_Ascii_Names()
    {
        foreach (var name in Names())
        {
            var regex = SecretName.IsMatch(name);
            var words = SecretRedactor.IsSecretName(name);
            Assert.True(!regex || words, $"'{name}' is a secret name to the regex but not to the word search");
            if (name.All(char.IsAscii))
            {
                Assert.True(regex == words, $"'{name}': regex {regex}, word search {words}");
            }
        }
    }

    [Theory]
    [InlineData("MODELRELEASE_REGISTRY", "Host=db;Password=s3cret", "Host=db;Password=***")]
    [InlineData("prometheus", "https://ci:pass@prom:9090/x", "https://***@prom:9090/x")]
    [InlineData("prometheus", "https://prom:9090/a@b", "https://prom:9090/a@b")] // an @ in the path is not a credential
    [InlineData("reason", "user@example.com rolled back", "user@example.com rolled back")]
    [InlineData("reason", "a=b", "a=b")]
    [InlineData("API_KEY", "abc", "***")]
    public void Should_Redact_As_Before(string name, string value, string expected) =>
        Assert.Equal(expected, SecretRedactor.RedactValue(name, value));
}
