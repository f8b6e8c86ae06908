using Spectre.Console;

namespace ModelRelease.Pipelines.Output;

/// <summary>User or stored text inside Spectre markup: control characters shown as escapes, then the markup brackets escaped.</summary>
internal static class MarkupText
{
    /// <summary><see cref="DisplayText.Escape(string?)"/>, then <see cref="Markup.Escape"/>.</summary>
    public static string Of(string? text) => Markup.Escape(DisplayText.Escape(text));
}
