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

    [GeneratedRegex(@"(token|secret|password|passwd|pwd|credential|api[-_]?key|private[-_]?key|access[-_]?key)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?<key>\b(?:password|pwd|passwd|secret|token))\s*=\s*(?:""[^""]*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringSecret();

    [GeneratedRegex(@"(?<scheme>[a-z][a-z0-9+.-]*://)[^/@\s]+@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlCredentials();
}
