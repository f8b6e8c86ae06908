namespace ModelRelease.Cake.Internal;

/// <summary>Reads the one value given for <c>--name</c>; <paramref name="workingDirectory"/> is what relative paths mean.</summary>
internal delegate ArgumentParse<T> ArgumentParser<T>(string name, string text, string workingDirectory);
