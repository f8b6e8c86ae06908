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

        if (SecretName().IsMatch(name))
        {
            return Mask;
        }

        var masked = ConnectionStringSecret().Replace(value, m => m.Groups["key"].Value + "=" + Mask);
        return UrlCredentials().Replace(masked, m => m.Groups["scheme"].Value + Mask + "@");
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

        if (SecretName().IsMatch(name))
        {
            return [value];
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

    [GeneratedRegex(@"(token|secret|password|passwd|pwd|credential|api[-_]?key|private[-_]?key|access[-_]?key)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?<key>\b(?:password|pwd|passwd|secret|token))\s*=\s*(?<value>""[^""]*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringSecret();

    [GeneratedRegex(@"(?<scheme>[a-z][a-z0-9+.-]*://)(?<userinfo>[^/@\s]+)@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlCredentials();
}
