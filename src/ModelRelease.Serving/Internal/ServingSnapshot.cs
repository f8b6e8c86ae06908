namespace ModelRelease.Serving.Internal;

/// <summary>Every served model at one moment; swapped whole, so a request sees either the old routing or the new.</summary>
internal sealed record ServingSnapshot(IReadOnlyDictionary<string, ModelView> Models)
{
    public static readonly ServingSnapshot Empty = new(new Dictionary<string, ModelView>(StringComparer.Ordinal));
}
