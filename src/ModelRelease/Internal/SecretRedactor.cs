using System.Text.RegularExpressions;

namespace ModelRelease.Internal;

/// <summary>
/// Keeps secrets out of the recorded arguments of a task run, which anyone who can read the store can read: values
/// of arguments whose names say they are secret, passwords in connection strings, and credentials in URLs.
/// </summary>
internal static partial class SecretRedactor
{
    public const string Mask = "***";

    public static IReadOnlyDictionary<string, string?> Redact(IReadOnlyDictionary<string, string?> arguments) =>
        arguments.ToDictionary(a => a.Key, a => RedactValue(a.Key, a.Value), StringComparer.Ordinal);

    public static string? RedactValue(string name, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (IsSecretName(name))
        {
            return Mask;
        }

        var masked = MayHoldConnectionStringSecret(value) ? ConnectionStringSecret().Replace(value, m => m.Groups["key"].Value + "=" + Mask) : value;
        return MayHoldUrlCredentials(masked) ? UrlCredentials().Replace(masked, m => m.Groups["scheme"].Value + Mask + "@") : masked;
    }

    /// <summary>
    /// The secret parts of one named value, as the runner should mask them: the whole value when the name says it is
    /// secret, else each password in a connection string and each credential in a URL. Empty when there is none.
    /// </summary>
    public static IReadOnlyList<string> SecretsIn(string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return [];
        }

        if (IsSecretName(name))
        {
            return [value];
        }

        if (!MayHoldConnectionStringSecret(value) && !MayHoldUrlCredentials(value))
        {
            return [];
        }

        var secrets = new List<string>();
        foreach (Match match in ConnectionStringSecret().Matches(value))
        {
            secrets.Add(match.Groups["value"].Value.Trim().Trim('"', '\''));
        }

        foreach (Match match in UrlCredentials().Matches(value))
        {
            // user:password@ → the password; token@ (a token as the user name) → the token.
            var userInfo = match.Groups["userinfo"].Value;
            var colon = userInfo.IndexOf(':');
            secrets.Add(colon < 0 ? userInfo : userInfo[(colon + 1)..]);
        }

        return secrets.Where(secret => secret.Length > 0).ToList();
    }

    /// <summary>The words that make an argument's name secret, in lower case; "api", "private" and "access" go with "key".</summary>
    private static readonly string[] SecretWords =
    [
        "token", "secret", "password", "passwd", "pwd", "credential",
        "apikey", "api-key", "api_key", "privatekey", "private-key", "private_key", "accesskey", "access-key", "access_key",
    ];

    /// <summary>
    /// True when <paramref name="name"/> holds a secret word in any letter case. Plain string search, not a regex: the
    /// first generated regex of an assembly builds the search tables of all of them, and every recorded run checks
    /// each argument's name. Letters that a case-insensitive regex also takes for s, i and k (ſ, ı, İ, the Kelvin sign)
    /// count as those letters, so this never misses a name such a regex would catch.
    /// </summary>
    internal static bool IsSecretName(string name)
    {
        var folded = string.Create(name.Length, name, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = text[i] switch
                {
                    'ſ' => 's',
                    'ı' or 'İ' => 'i',
                    var c => char.ToLowerInvariant(c),
                };
            }
        });
        foreach (var word in SecretWords)
        {
            if (folded.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // What each pattern below cannot match without: skipping it then changes nothing, and keeps a value with neither
    // (almost every argument) from building the regex engine's tables at all.
    private static bool MayHoldConnectionStringSecret(string value) => value.Contains('=');

    private static bool MayHoldUrlCredentials(string value) => value.Contains("://", StringComparison.Ordinal) && value.Contains('@');

    [GeneratedRegex(@"(?<key>\b(?:password|pwd|passwd|secret|token))\s*=\s*(?<value>""[^""]*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringSecret();

    [GeneratedRegex(@"(?<scheme>[a-z][a-z0-9+.-]*://)(?<userinfo>[^/@\s]+)@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlCredentials();
}
