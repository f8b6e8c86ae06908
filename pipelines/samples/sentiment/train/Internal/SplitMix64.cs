namespace ModelRelease.Samples.Sentiment.Internal;

/// <summary>
/// A tiny seeded generator (SplitMix64) for the synthetic data. Our own, not <see cref="Random"/>: the rows must be the
/// same on every machine and every .NET version, and only a fixed algorithm we own promises that.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong state = seed;

    public ulong NextUInt64()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, <paramref name="maxExclusive"/>); the modulo bias is negligible for our small ranges.</summary>
    public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

    /// <summary>A number in [0, 1), from the top 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Fisher–Yates, in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// A seed from a dataset name and a number: FNV-1a over the name's UTF-8 bytes, mixed with the number, so different
    /// names give unrelated streams and the result does not depend on string.GetHashCode (randomised per process).
    /// </summary>
    public static ulong SeedFor(string name, int number)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }

        return hash ^ ((ulong)(uint)number * 0x9E3779B97F4A7C15UL);
    }
}
