namespace ModelRelease.Onnx;

/// <summary>A request instance does not fit the model's inputs: a missing input, a value of the wrong type or size. The message names the input and what it takes.</summary>
public sealed class ModelInputException : Exception
{
    /// <summary>Creates the exception with a message naming the input and what the model takes.</summary>
    public ModelInputException(string message)
        : base(message)
    {
    }
}
