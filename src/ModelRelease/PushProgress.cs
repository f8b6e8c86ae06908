namespace ModelRelease;

/// <summary>How far a push's copy has got, reported while it copies and hashes the artifact.</summary>
/// <param name="BytesCopied">Bytes copied and hashed so far.</param>
/// <param name="TotalBytes">Bytes of all files, as the walk of the artifact found them.</param>
/// <param name="FilesCopied">Files finished (copied, hashed, flushed to disk).</param>
/// <param name="TotalFiles">Number of files in the artifact.</param>
public sealed record PushProgress(long BytesCopied, long TotalBytes, int FilesCopied, int TotalFiles)
{
    /// <summary>The share done, 0 to 1 (1 for an artifact of empty files).</summary>
    public double Fraction => TotalBytes == 0 ? (TotalFiles == 0 ? 1 : (double)FilesCopied / TotalFiles) : (double)BytesCopied / TotalBytes;
}
