using System.Globalization;

namespace ModelRelease.Serving.Internal;

/// <summary>
/// TF Serving's REST path after <c>/v1/models/</c>: <c>&lt;m&gt;</c>, <c>&lt;m&gt;/versions/&lt;n&gt;</c> or
/// <c>&lt;m&gt;/labels/&lt;label&gt;</c>, then <c>:predict</c>, <c>/metadata</c> or nothing (status).
/// </summary>
internal sealed record ModelPath(string Model, long? Version, string? Label, string? Verb, bool Metadata)
{
    public static ModelPath? Parse(string? rest)
    {
        if (string.IsNullOrEmpty(rest))
        {
            return null;
        }

        string? verb = null;
        var colon = rest.LastIndexOf(':');
        if (colon >= 0)
        {
            verb = rest[(colon + 1)..];
            rest = rest[..colon];
        }

        var segments = rest.Split('/');
        var metadata = verb is null && segments.Length is 2 or 4 && segments[^1] == "metadata";
        if (metadata)
        {
            segments = segments[..^1];
        }

        if (segments[0].Length == 0)
        {
            return null;
        }

        return segments switch
        {
            [var model] => new ModelPath(model, null, null, verb, metadata),
            [var model, "versions", var number] when long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => new ModelPath(model, n, null, verb, metadata),
            [var model, "labels", var label] when label.Length > 0 => new ModelPath(model, null, label, verb, metadata),
            _ => null,
        };
    }

    /// <summary>The servable as TF Serving's messages name it, e.g. <c>sentiment version 3</c>.</summary>
    public string Describe() => Version is { } n ? $"{Model} version {n}" : Label is { } l ? $"{Model} label '{l}'" : Model;
}
