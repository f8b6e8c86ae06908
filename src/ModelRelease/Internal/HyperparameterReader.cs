using System.Text.Json;

namespace ModelRelease.Internal;

/// <summary>
/// Reads <c>--hyperparameters</c>: a JSON file (what training scripts dump), inline JSON, or <c>k=v,k=v</c> for a
/// few values typed by hand. Every value becomes text, because the registry records them for people to read and
/// compare, not to compute with.
/// </summary>
internal static class HyperparameterReader
{
    private const string Example = "--hyperparameters=lr=0.001,epochs=20";

    private const string Fix = $"Give the path to a JSON file of name → value, or pairs separated by commas, e.g. {Example}.";

    public static Dictionary<string, string> Read(string argument, string workingDirectory)
    {
        if (string.IsNullOrWhiteSpace(argument))
        {
            throw new RegistryException($"--hyperparameters is empty. Give a JSON file or name=value pairs, e.g. --hyperparameters=params.json or {Example}.");
        }

        var text = argument.Trim();
        if (text.StartsWith('{'))
        {
            return FromJson(text, "--hyperparameters");
        }

        // A file wins over pairs, so a file named "lr=0.1.json" is still read as a file. Without such a file, text with
        // '=' is pairs (config=base.json is a pair), and a .json path without '=' is a missing file, not a bad pair.
        var full = Path.GetFullPath(Path.Combine(workingDirectory, text));
        if (File.Exists(full))
        {
            return FromJson(JsonInput.ReadFile(text, full, "--hyperparameters file", Fix), $"--hyperparameters file '{text}'");
        }

        if (text.Contains('=', StringComparison.Ordinal))
        {
            return FromPairs(text);
        }

        if (Directory.Exists(full) || text.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            JsonInput.ReadFile(text, full, "--hyperparameters file", Fix);
        }

        throw new RegistryException(
            $"--hyperparameters: '{DisplayText.Escape(text)}' is neither a file (there is none at {full}) nor name=value pairs. {Fix}");
    }

    private static Dictionary<string, string> FromPairs(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split(','))
        {
            var item = raw.Trim();
            if (item.Length == 0)
            {
                throw new RegistryException(
                    $"--hyperparameters '{DisplayText.Escape(text)}' has an empty item (two commas in a row, or one at an end). Separate name=value pairs with single commas, e.g. {Example}.");
            }

            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw new RegistryException(
                    $"--hyperparameters: '{DisplayText.Escape(item)}' has no '='. Give each one as name=value, e.g. {Example}.");
            }

            var (name, value) = (item[..equals].Trim(), item[(equals + 1)..].Trim());
            if (name.Length == 0)
            {
                throw new RegistryException(
                    $"--hyperparameters: '{DisplayText.Escape(item)}' has no name before '='. Give each one as name=value, e.g. {Example}.");
            }

            // An empty value is nearly always a shell variable that expanded to nothing (lr=$LR); recording it would
            // hide that the run's settings are unknown.
            if (value.Length == 0)
            {
                throw new RegistryException(
                    $"--hyperparameters: '{DisplayText.Escape(name)}' has no value after '='. Give one, e.g. {name}=0.001, or leave the name out.");
            }

            if (!result.TryAdd(name, value))
            {
                throw new RegistryException(
                    $"--hyperparameters: '{DisplayText.Escape(name)}' is given twice ({DisplayText.Escape(result[name])} and {DisplayText.Escape(value)}). Give each hyperparameter once.");
            }
        }

        return result;
    }

    private static Dictionary<string, string> FromJson(string json, string source)
    {
        using var document = JsonInput.Parse(json, source, "hyperparameters are a JSON object, e.g. {\"lr\": 0.001, \"epochs\": 20}");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RegistryException(
                $"{source} must be a JSON object of name → value, not {JsonInput.Describe(root)}, e.g. {{\"lr\": 0.001, \"epochs\": 20}}.");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in JsonInput.Properties(root, source, "in the hyperparameters"))
        {
            if (property.Name.Trim().Length == 0)
            {
                throw new RegistryException($"{source}: a hyperparameter has an empty name. Name each one, e.g. {{\"lr\": 0.001}}.");
            }

            result.Add(property.Name, Text(property.Value));
        }

        return result;
    }

    // Numbers keep the text they were written with: "1e-3" stays "1e-3" rather than being re-rendered.
    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => value.GetRawText(),
        _ => JsonInput.Compact(value),
    };
}
