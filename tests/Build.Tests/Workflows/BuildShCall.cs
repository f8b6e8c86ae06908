using System.Text;

namespace Build.Tests.Workflows;

/// <summary>One <c>./build.sh</c> command line of a workflow step: its targets and its <c>--name</c> options.</summary>
/// <param name="Line">The command line as the step writes it (continuation lines joined).</param>
/// <param name="Targets">The <c>-t</c>/<c>--target</c> values.</param>
/// <param name="Options">Every other option, by name, with its value (empty for a switch).</param>
internal sealed record BuildShCall(string Line, IReadOnlyList<string> Targets, IReadOnlyList<KeyValuePair<string, string>> Options)
{
    /// <summary>Every <c>./build.sh</c> call in a step's script.</summary>
    public static IEnumerable<BuildShCall> In(string script)
    {
        var joined = script.Replace("\\\r\n", " ", StringComparison.Ordinal).Replace("\\\n", " ", StringComparison.Ordinal);
        foreach (var line in joined.Split('\n'))
        {
            var at = line.IndexOf("./build.sh", StringComparison.Ordinal);
            if (at < 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            yield return Parse(line.Trim(), Words(line[(at + "./build.sh".Length)..]));
        }
    }

    private static BuildShCall Parse(string line, IReadOnlyList<string> words)
    {
        var targets = new List<string>();
        var options = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word is "-t" or "--target")
            {
                targets.Add(i + 1 < words.Count ? words[++i] : "");
            }
            else if (word.StartsWith("--target=", StringComparison.Ordinal) || word.StartsWith("-t=", StringComparison.Ordinal))
            {
                targets.Add(word[(word.IndexOf('=') + 1)..]);
            }
            else if (word.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = word.IndexOf('=');
                options.Add(new(eq < 0 ? word[2..] : word[2..eq], eq < 0 ? "" : word[(eq + 1)..]));
            }
            else if (word.StartsWith('-'))
            {
                options.Add(new(word.TrimStart('-'), ""));
            }
            else
            {
                throw new InvalidOperationException($"'{word}' in `{line}` is no option: the host takes --name=value arguments only.");
            }
        }

        return new BuildShCall(line, targets, options);
    }

    /// <summary>The shell words after <c>./build.sh</c>, up to the end of the command (<c>;</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>|</c>), quotes removed.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }

                continue;
            }

            if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c) || c is ';' or '|' or '&')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                if (c is ';' or '|' or '&')
                {
                    return words;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
