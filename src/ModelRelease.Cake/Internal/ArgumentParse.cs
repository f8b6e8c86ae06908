namespace ModelRelease.Cake.Internal;

/// <summary>
/// What reading one value gave: the value, or "not valid" (the argument then says what a right value is, with its
/// range and an example), or a refusal whose message says everything itself (a path with a control character).
/// </summary>
internal readonly record struct ArgumentParse<T>(bool IsValid, T Value, string? Refusal)
{
    public static ArgumentParse<T> Valid(T value) => new(true, value, null);

    public static ArgumentParse<T> Invalid { get; } = new(false, default!, null);

    public static ArgumentParse<T> Refused(string message) => new(false, default!, message);
}
