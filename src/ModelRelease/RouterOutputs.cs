using System.Text;
using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// A model's opt-in router files (<see cref="ReleasePolicy.Routers"/>): every label move rewrites
/// <c>&lt;root&gt;/kserve/&lt;model&gt;.yaml</c> and <c>&lt;root&gt;/istio/&lt;model&gt;.yaml</c> beside routing.json, in the
/// same step, so a GitOps controller applying them follows each canary move, promotion and rollback.
/// </summary>
/// <param name="Kinds">Which routers to render.</param>
public sealed record RouterOutputs(IReadOnlyList<RouterKind> Kinds)
{
    /// <summary>The Kubernetes namespace of both resources.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>
    /// KServe's storage prefix: a version's model is at <c>&lt;StorageUri&gt;/&lt;version name&gt;</c> (e.g.
    /// <c>s3://models/sentiment</c>). Required with <see cref="RouterKind.KServe"/>.
    /// </summary>
    public string? StorageUri { get; init; }

    /// <summary>The host clients call, the VirtualService's <c>hosts</c>; null for <c>&lt;model&gt;.&lt;namespace&gt;.svc.cluster.local</c>.</summary>
    public string? Host { get; init; }

    /// <summary>The stable endpoint's service host; null for <c>&lt;model&gt;-stable</c>.</summary>
    public string? StableHost { get; init; }

    /// <summary>The canary endpoint's service host; null for <c>&lt;model&gt;-canary</c>.</summary>
    public string? CanaryHost { get; init; }

    /// <summary>Checks the settings for <paramref name="model"/>'s policy.</summary>
    /// <exception cref="RegistryException">A router is listed twice, KServe has no storage prefix, or a name is not a DNS name.</exception>
    public void Validate(string model)
    {
        if (Kinds is null || Kinds.Count == 0 || Kinds.Distinct().Count() != Kinds.Count || Kinds.Any(k => !Enum.IsDefined(k)))
        {
            throw new RegistryException($"Release policy for '{model}': routers must list each of kserve, istio at most once, and at least one, e.g. \"routers\": {{\"outputs\": [\"kserve\", \"istio\"]}}.");
        }

        if (Kinds.Contains(RouterKind.KServe) && string.IsNullOrWhiteSpace(StorageUri))
        {
            throw new RegistryException($"Release policy for '{model}': the KServe router needs storageUri, the prefix its versions are stored under (e.g. \"s3://models/{model}\"); each version's storageUri is <prefix>/<version>.");
        }

        foreach (var (name, value) in new[] { ("namespace", Namespace), ("host", Host), ("stableHost", StableHost), ("canaryHost", CanaryHost) })
        {
            if (value is not null && !IsDnsName(value))
            {
                throw new RegistryException($"Release policy for '{model}': routers.{name} '{DisplayText.Escape(value)}' is not a DNS name (lower-case letters, digits, '-' and '.'). Fix it, or leave it out for the default.");
            }
        }
    }

    /// <summary>True when <paramref name="other"/> has the same settings, comparing the kinds in order.</summary>
    public bool Equals(RouterOutputs? other) =>
        other is not null && Kinds.SequenceEqual(other.Kinds) && Namespace == other.Namespace && StorageUri == other.StorageUri
        && Host == other.Host && StableHost == other.StableHost && CanaryHost == other.CanaryHost;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(string.Join(",", Kinds), Namespace, StorageUri, Host, StableHost, CanaryHost);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Kinds = [{string.Join(", ", Kinds)}], Namespace = {Namespace}, StorageUri = {StorageUri}, Host = {Host}, StableHost = {StableHost}, CanaryHost = {CanaryHost}");
        return true;
    }

    private static bool IsDnsName(string value) =>
        value.Length is > 0 and <= 253 && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.') && value[0] != '-' && value[0] != '.';
}
