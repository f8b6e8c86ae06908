using System.Text;

namespace ModelRelease.Internal;

/// <summary>
/// Python's <c>json.dump</c>, which writes most metrics files, emits NaN and infinities as bare <c>NaN</c>,
/// <c>Infinity</c> and <c>-Infinity</c>, which are not JSON. An evaluation that produced NaN is a model that failed
/// the gate, not a tool that broke: quoting the tokens lets the validator reject it as such.
/// </summary>
internal static class NonFiniteTokens
{
    private static readonly string[] Tokens = ["-Infinity", "Infinity", "NaN"];

    /// <summary><paramref name="json"/> with every bare NaN/Infinity/-Infinity outside a string put in quotes.</summary>
    public static string Quote(string json)
    {
        StringBuilder? result = null;
        var copied = 0;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                continue;
            }

            if (i > 0 && IsWordCharacter(json[i - 1]))
            {
                continue;
            }

            foreach (var token in Tokens)
            {
                var end = i + token.Length;
                if (string.CompareOrdinal(json, i, token, 0, token.Length) == 0 && (end == json.Length || !IsWordCharacter(json[end])))
                {
                    result ??= new StringBuilder(json.Length + 8);
                    result.Append(json, copied, i - copied).Append('"').Append(token).Append('"');
                    copied = end;
                    i = end - 1;
                    break;
                }
            }
        }

        return result is null ? json : result.Append(json, copied, json.Length - copied).ToString();
    }

    private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || c is '_' or '.' or '-' or '+';
}
