using System.Text.Encodings.Web;
using System.Text.Json;

namespace ModelRelease.Internal;

/// <summary>
/// Reading the JSON users hand the tool (policy files, metrics, hyperparameters) with errors that say which input,
/// where in it, and what would be right, instead of a parser's stack trace.
/// </summary>
internal static class JsonInput
{
    /// <summary>
    /// Files people edit by hand get comments and trailing commas; tolerating them costs nothing, and every key and
    /// value is still checked strictly.
    /// </summary>
    public static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>
    /// Output meant for people and the audit log: metric names and "≥" stay readable instead of becoming \uXXXX
    /// escapes. The text is never embedded in HTML, which is what the default escaping protects.
    /// </summary>
    public static JsonWriterOptions Writer(bool indented) => new() { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Parses <paramref name="json"/>; malformed JSON names <paramref name="source"/>, the line and the column.</summary>
    public static JsonDocument Parse(string json, string source, string example)
    {
        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } l ? l + 1 : 1;
            var column = e.BytePositionInLine is { } c ? c + 1 : 1;
            throw new RegistryException(
                $"{source} is not valid JSON at line {line}, column {column}: {Reason(e)}. Fix the syntax there; {example}.", e);
        }
    }

    /// <summary>
    /// The most an input file (metrics, hyperparameters, a policy) may hold. Real ones are a few kilobytes; the limit
    /// only keeps a wrong path (a dataset, a model, <c>/dev/zero</c>) from filling memory or the store.
    /// </summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>
    /// Reads a whole text file of at most <see cref="MaxFileBytes"/>; a missing, unreadable, special or too large file
    /// gets a message naming it and the fix.
    /// </summary>
    public static string ReadFile(string path, string what, string fix) => ReadFile(path, Path.GetFullPath(path), what, fix);

    /// <summary>Reads <paramref name="full"/>, naming it in messages by <paramref name="path"/>, the text the user gave.</summary>
    /// <remarks>
    /// The file's type and size are checked before it is opened (opening a FIFO blocks until a writer comes), and it
    /// is read with a bound as well, because a /proc file says it is empty and a file may grow while it is read.
    /// </remarks>
    public static string ReadFile(string path, string full, string what, string fix)
    {
        var where = full == path ? "" : $" (looked for {full})";
        try
        {
            var real = RealPaths.Resolve(full, out var loop);
            if (real is null)
            {
                throw loop
                    ? new RegistryException($"{what} '{path}' is a symlink that loops{where}. {fix}")
                    : new FileNotFoundException(null, full);
            }

            var kind = Posix.KindOf(real);
            if (kind != FileKind.Regular)
            {
                throw new RegistryException($"{what} '{path}' is a {FileKindNames.Describe(kind)}, not a regular file{where}. {fix}");
            }

            var length = new FileInfo(real).Length;
            if (length > MaxFileBytes)
            {
                throw TooLarge(path, what, fix, where, $"{length} bytes");
            }

            using var stream = new FileStream(real, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
            var buffer = new byte[MaxFileBytes + 1];
            var read = 0;
            int count;
            while (read < buffer.Length && (count = stream.Read(buffer, read, buffer.Length - read)) > 0)
            {
                read += count;
            }

            if (read > MaxFileBytes)
            {
                throw TooLarge(path, what, fix, where, "more than that");
            }

            // As File.ReadAllText: UTF-8 unless a byte order mark says otherwise.
            using var reader = new StreamReader(new MemoryStream(buffer, 0, read), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new RegistryException($"{what} '{path}' not found{where}. {fix}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RegistryException($"{what} '{path}' could not be read: {e.Message} Check its permissions, or {char.ToLowerInvariant(fix[0])}{fix[1..]}", e);
        }
    }

    private static RegistryException TooLarge(string path, string what, string fix, string where, string size) => new(
        $"{what} '{path}' is too large: {size}, where the limit is {MaxFileBytes} bytes ({MaxFileBytes / 1024 / 1024} MiB){where}. " +
        $"Is it the right file? {fix}");

    /// <summary>What a value is, in words, for "must be a number, got …" messages.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string {Compact(value)}",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "nothing",
    };

    /// <summary>The value as one line of JSON, however it was indented in its file.</summary>
    public static string Compact(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Writer(indented: false)))
        {
            value.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// An object's properties, refusing a key given twice: JSON parsers disagree on which one wins, so a file that
    /// says both "atLeast": 0.8 and "atLeast": 0.9 has no single meaning.
    /// </summary>
    public static IReadOnlyList<JsonProperty> Properties(JsonElement value, string source, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var properties = new List<JsonProperty>();
        foreach (var property in value.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw new RegistryException($"{source}: key '{DisplayText.Escape(property.Name)}' appears twice {where}. Keep one of them.");
            }

            properties.Add(property);
        }

        return properties;
    }

    // The parser's own text ends with a position we already give in words.
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).Trim().TrimEnd('.');
    }
}
