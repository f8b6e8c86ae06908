using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// Finds the secrets in named values (arguments, environment variables) by the same rules the audit log redacts them
/// with, so a CI host can mask them before it prints anything.
/// </summary>
public static class SecretValues
{
    /// <summary>
    /// The secret parts of <paramref name="value"/>: all of it when <paramref name="name"/> says it is a secret
    /// (token, password, api-key…), else each password in a connection string and each credential in a URL.
    /// </summary>
    public static IReadOnlyList<string> In(string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        return SecretRedactor.SecretsIn(name, value);
    }
}
