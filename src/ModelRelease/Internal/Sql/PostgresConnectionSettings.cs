using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;

namespace ModelRelease.Internal.Sql;

/// <summary>
/// A <c>--registry</c> naming a PostgreSQL store, as Npgsql settings plus the schema the store lives in. Accepts a URL
/// (<c>postgres://user:pass@host:port/db?sslmode=require&amp;schema=x&amp;password_env=NAME</c>) or a key-value string
/// (<c>Host=…;Database=…;Search Path=x;Password Env=NAME</c>). The password may be in the string, in the variable that
/// <c>password_env</c>/<c>Password Env</c> names, in <c>PGPASSWORD</c> or in a passfile (Npgsql reads both).
/// </summary>
internal sealed partial class PostgresConnectionSettings
{
    public const string DefaultSchema = "modelrelease";

    private static readonly Dictionary<string, Action<NpgsqlConnectionStringBuilder, string>> UrlOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = (b, v) => b.SslMode = Enum.TryParse<SslMode>(v.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var mode)
            ? mode
            : throw new RegistryException($"The registry URL has sslmode={v}; use one of disable, allow, prefer, require, verify-ca, verify-full."),
        ["sslrootcert"] = (b, v) => b.RootCertificate = v,
        ["sslcert"] = (b, v) => b.SslCertificate = v,
        ["sslkey"] = (b, v) => b.SslKey = v,
        ["sslpassword"] = (b, v) => b.SslPassword = v,
        ["passfile"] = (b, v) => b.Passfile = v,
        ["application_name"] = (b, v) => b.ApplicationName = v,
        ["connect_timeout"] = (b, v) => b.Timeout = int.TryParse(v, out var seconds) && seconds >= 0
            ? seconds
            : throw new RegistryException($"The registry URL has connect_timeout={v}; give a whole number of seconds."),
    };

    private PostgresConnectionSettings(NpgsqlConnectionStringBuilder builder, string schema)
    {
        Builder = builder;
        Schema = schema;
    }

    /// <summary>Npgsql's settings, with the password resolved and the schema as the search path.</summary>
    public NpgsqlConnectionStringBuilder Builder { get; }

    /// <summary>The PostgreSQL schema (namespace) the store's tables live in: one per serving root.</summary>
    public string Schema { get; }

    /// <summary>The settings without any secret, for messages and <see cref="IMetadataStore.Location"/>.</summary>
    public string Display
    {
        get
        {
            var safe = new NpgsqlConnectionStringBuilder(Builder.ConnectionString) { Password = null, SslPassword = null };
            return safe.ConnectionString;
        }
    }

    /// <summary>host:port, for "is the server running" messages.</summary>
    public string Server => $"{Builder.Host}:{Builder.Port}";

    public static PostgresConnectionSettings Parse(string registry)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registry);
        var (builder, schema, passwordVariable) = registry.Contains("://", StringComparison.Ordinal) ? FromUrl(registry) : FromKeyValues(registry);
        if (passwordVariable is not null)
        {
            builder.Password = Environment.GetEnvironmentVariable(passwordVariable) is { Length: > 0 } password
                ? password
                : throw new RegistryException($"The registry's connection settings take the password from ${passwordVariable}, but it is not set. Set it (e.g. from a CI secret), or remove password_env to use PGPASSWORD or a passfile.");
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new RegistryException("The registry's connection settings name no host. Give one, e.g. postgres://user@db.example.com:5432/releases or Host=db.example.com;Database=releases.");
        }

        schema ??= DefaultSchema;
        if (!SchemaName().IsMatch(schema))
        {
            throw new RegistryException($"The registry's schema '{schema}' is not a plain PostgreSQL name. Use lower-case letters, digits and '_' (starting with a letter or '_'), e.g. ?schema=team_a or Search Path=team_a.");
        }

        builder.SearchPath = schema;
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "modelrelease";
        }

        return new PostgresConnectionSettings(builder, schema);
    }

    private static (NpgsqlConnectionStringBuilder Builder, string? Schema, string? PasswordVariable) FromUrl(string registry)
    {
        if (!Uri.TryCreate(registry, UriKind.Absolute, out var url) || url.Scheme is not ("postgres" or "postgresql"))
        {
            throw new RegistryException("The registry is not a valid PostgreSQL URL. Write it as postgres://user@host:5432/database?sslmode=require (password from PGPASSWORD, a passfile, or password_env=VARIABLE).");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = url.Host };
        if (!url.IsDefaultPort && url.Port > 0)
        {
            builder.Port = url.Port;
        }

        if (url.UserInfo.Length > 0)
        {
            var colon = url.UserInfo.IndexOf(':');
            builder.Username = Uri.UnescapeDataString(colon < 0 ? url.UserInfo : url.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        string? schema = null, passwordVariable = null;
        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            if (key.Equals("schema", StringComparison.OrdinalIgnoreCase))
            {
                schema = value;
            }
            else if (key.Equals("password_env", StringComparison.OrdinalIgnoreCase))
            {
                passwordVariable = value;
            }
            else if (UrlOptions.TryGetValue(key, out var apply))
            {
                apply(builder, value);
            }
            else
            {
                throw new RegistryException($"The registry URL has an unknown option '{key}'. Known: schema, password_env, {string.Join(", ", UrlOptions.Keys)}.");
            }
        }

        return (builder, schema, passwordVariable);
    }

    private static (NpgsqlConnectionStringBuilder Builder, string? Schema, string? PasswordVariable) FromKeyValues(string registry)
    {
        var generic = new DbConnectionStringBuilder();
        try
        {
            generic.ConnectionString = registry;
        }
        catch (ArgumentException)
        {
            throw new RegistryException("The registry's connection string is malformed. Write it as Host=db.example.com;Port=5432;Database=releases;Username=release (key=value pairs separated by ';').");
        }

        string? passwordVariable = null;
        foreach (var key in new[] { "Password Env", "PasswordEnv", "password_env" })
        {
            if (generic.TryGetValue(key, out var value))
            {
                passwordVariable = value?.ToString();
                generic.Remove(key);
            }
        }

        var builder = new NpgsqlConnectionStringBuilder();
        foreach (string key in generic.Keys)
        {
            try
            {
                builder[key] = generic[key];
            }
            catch (Exception error) when (error is ArgumentException or FormatException or InvalidCastException)
            {
                // The value is not repeated: it may be a secret.
                throw new RegistryException($"The registry's connection string has a key '{key}' that Npgsql does not accept, or a value of the wrong form. See https://www.npgsql.org/doc/connection-string-parameters.html.");
            }
        }

        var schema = string.IsNullOrEmpty(builder.SearchPath) ? null : builder.SearchPath;
        return (builder, schema, passwordVariable);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
