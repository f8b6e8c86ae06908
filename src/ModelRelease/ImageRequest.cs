namespace ModelRelease;

/// <summary>What a serving image of one version is built from and where it goes; see <see cref="ModelRegistry.PlanImage"/>.</summary>
/// <param name="Model">The model name.</param>
/// <param name="Version">The version name.</param>
/// <param name="Repository">The image repository, e.g. <c>ghcr.io/acme/sentiment</c>, without a tag.</param>
public sealed record ImageRequest(string Model, string Version, string Repository)
{
    /// <summary>The serving base image; null takes <see cref="ServingImage.TensorFlowServingBase"/> for a SavedModel and <see cref="ServingImage.OnnxServingBase"/> for ONNX.</summary>
    public string? BaseImage { get; init; }

    /// <summary>The <c>org.opencontainers.image.source</c> label; null takes the version's git remote (credentials stripped), or leaves the label out.</summary>
    public string? Source { get; init; }
}
