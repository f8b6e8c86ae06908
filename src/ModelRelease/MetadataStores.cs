namespace ModelRelease;

/// <summary>Turns a <c>--registry</c> value into a store: a SQLite file path, or a PostgreSQL connection string.</summary>
public static class MetadataStores
{
    /// <summary>True when <paramref name="registry"/> names a PostgreSQL server rather than a file.</summary>
    public static bool IsConnectionString(string registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || registry.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || registry.Contains("Host=", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Opens the store <paramref name="registry"/> names: a <see cref="PostgresMetadataStore"/> for a
    /// <c>postgres://</c> URL or a <c>Host=…</c> connection string, else a <see cref="SqliteMetadataStore"/> file.
    /// Nothing is created until the first write.
    /// </summary>
    public static IMetadataStore Open(string registry)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registry);
        return IsConnectionString(registry) ? new PostgresMetadataStore(registry) : new SqliteMetadataStore(registry);
    }
}
