namespace ModelRelease;

/// <summary>One table of a store migration: its rows and their digest, the same on both stores once verified.</summary>
/// <param name="Table">The table, e.g. <c>events</c>.</param>
/// <param name="Rows">How many rows it holds (copied, or would copy).</param>
/// <param name="Digest">SHA-256 (hex) of the rows' normalised values, computed the same way from either store.</param>
public sealed record StoreTableCopy(string Table, long Rows, string Digest)
{
    /// <summary>The digest's first 16 characters, for tables and messages.</summary>
    public string ShortDigest => Digest[..16];
}
