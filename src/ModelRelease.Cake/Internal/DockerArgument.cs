using Cake.Core.IO;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// One argument of a docker command line, quoted only when it must be, and escaped so the child process reads back
/// exactly this text (quotes and backslashes in a label value survive). Never a secret: docker reads those from stdin.
/// </summary>
internal sealed class DockerArgument(string value) : IProcessArgument
{
    public string Value { get; } = value;

    public string Render() => Quote(Value);

    public string RenderSafe() => Render();

    public override string ToString() => Render();

    // The rules the .NET process launcher splits an argument string by: whitespace separates, "…" groups,
    // backslashes are literal unless they precede a quote.
    internal static string Quote(string value)
    {
        if (value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\''))
        {
            return value;
        }

        var text = new System.Text.StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in value)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            text.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes);
            backslashes = 0;
            text.Append(c);
        }

        return text.Append('\\', backslashes * 2).Append('"').ToString();
    }
}
