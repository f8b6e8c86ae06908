using System.Globalization;
using System.Text;

namespace ModelRelease.Serving.Internal;

/// <summary>
/// Reads the ModelServerConfig text that ModelRelease writes (protobuf text format): per model its name, base path,
/// <c>specific</c> versions and <c>version_labels</c>. Other fields are skipped; a malformed file throws
/// <see cref="FormatException"/> naming the line, so the server keeps what it serves and logs why.
/// </summary>
internal static class ModelsConfigReader
{
    private sealed record Field(string Key, string? Value, List<Field>? Children, int Line);

    public static IReadOnlyList<ServedModelConfig> Parse(string text)
    {
        var position = 0;
        var line = 1;
        var fields = ParseFields(text, ref position, ref line, nested: false);
        var models = new List<ServedModelConfig>();
        foreach (var list in fields.Where(f => f.Key == "model_config_list"))
        {
            foreach (var config in Children(list).Where(f => f.Key == "config"))
            {
                models.Add(Model(config));
            }
        }

        var duplicate = models.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? models : throw new FormatException($"model '{duplicate.Key}' is configured twice");
    }

    private static ServedModelConfig Model(Field config)
    {
        var fields = Children(config);
        var name = fields.FirstOrDefault(f => f.Key == "name")?.Value
            ?? throw new FormatException($"line {config.Line}: a config has no name");
        var basePath = fields.FirstOrDefault(f => f.Key == "base_path")?.Value ?? "";
        var versions = new List<long>();
        foreach (var policy in fields.Where(f => f.Key == "model_version_policy"))
        {
            foreach (var specific in Children(policy).Where(f => f.Key == "specific"))
            {
                versions.AddRange(Children(specific).Where(f => f.Key == "versions").Select(Number));
            }
        }

        var labels = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var label in fields.Where(f => f.Key == "version_labels"))
        {
            var entry = Children(label);
            var key = entry.FirstOrDefault(f => f.Key == "key")?.Value ?? throw new FormatException($"line {label.Line}: a version_labels entry has no key");
            var value = entry.FirstOrDefault(f => f.Key == "value") ?? throw new FormatException($"line {label.Line}: version label '{key}' has no value");
            labels[key] = Number(value);
        }

        return new ServedModelConfig(name, basePath, versions.Distinct().Order().ToList(), labels);
    }

    private static long Number(Field field) =>
        field.Value is { } value && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"line {field.Line}: {field.Key} should be a version number, not '{field.Value}'");

    private static List<Field> Children(Field field) =>
        field.Children ?? throw new FormatException($"line {field.Line}: {field.Key} should be a {{ … }} block");

    private static List<Field> ParseFields(string text, ref int position, ref int line, bool nested)
    {
        var fields = new List<Field>();
        while (true)
        {
            SkipSpace(text, ref position, ref line);
            if (position >= text.Length)
            {
                return nested ? throw new FormatException($"line {line}: the file ends inside a block (a '}}' is missing)") : fields;
            }

            if (text[position] == '}')
            {
                if (!nested)
                {
                    throw new FormatException($"line {line}: a '}}' closes no block");
                }

                position++;
                return fields;
            }

            var keyLine = line;
            var key = Identifier(text, ref position, line);
            SkipSpace(text, ref position, ref line);
            var colon = position < text.Length && text[position] == ':';
            if (colon)
            {
                position++;
                SkipSpace(text, ref position, ref line);
            }

            if (position < text.Length && text[position] == '{')
            {
                position++;
                fields.Add(new Field(key, null, ParseFields(text, ref position, ref line, nested: true), keyLine));
            }
            else if (colon)
            {
                fields.Add(new Field(key, Scalar(text, ref position, line), null, keyLine));
            }
            else
            {
                throw new FormatException($"line {line}: '{key}' is followed by neither ':' nor '{{'");
            }
        }
    }

    private static string Identifier(string text, ref int position, int line)
    {
        var start = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
        {
            position++;
        }

        return position > start ? text[start..position] : throw new FormatException($"line {line}: expected a field name at '{text[position]}'");
    }

    private static string Scalar(string text, ref int position, int line)
    {
        if (position < text.Length && text[position] is '"' or '\'')
        {
            var quote = text[position++];
            var value = new StringBuilder();
            while (position < text.Length && text[position] != quote)
            {
                if (text[position] == '\n')
                {
                    break;
                }

                if (text[position] == '\\' && position + 1 < text.Length)
                {
                    position++;
                }

                value.Append(text[position++]);
            }

            if (position >= text.Length || text[position] != quote)
            {
                throw new FormatException($"line {line}: a string is not closed");
            }

            position++;
            return value.ToString();
        }

        var start = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '_' or '-' or '.' or '+'))
        {
            position++;
        }

        return position > start ? text[start..position] : throw new FormatException($"line {line}: expected a value");
    }

    private static void SkipSpace(string text, ref int position, ref int line)
    {
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '#')
            {
                while (position < text.Length && text[position] != '\n')
                {
                    position++;
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                if (c == '\n')
                {
                    line++;
                }

                position++;
            }
            else
            {
                return;
            }
        }
    }
}
