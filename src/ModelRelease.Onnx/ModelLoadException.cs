namespace ModelRelease.Onnx;

/// <summary>A model could not be loaded: no ONNX file where one was expected, or ONNX Runtime refused the file. The message says which file and why.</summary>
public sealed class ModelLoadException : Exception
{
    /// <summary>Creates the exception with a message naming the file and the fix.</summary>
    public ModelLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and ONNX Runtime's own failure.</summary>
    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
