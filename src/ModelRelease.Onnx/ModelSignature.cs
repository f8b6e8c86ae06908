namespace ModelRelease.Onnx;

/// <summary>
/// What a model takes and gives: its inputs and outputs. Clients are written against a signature, so a candidate
/// whose signature breaks stable's breaks every client the moment it takes traffic.
/// </summary>
/// <param name="Inputs">The inputs, in graph order.</param>
/// <param name="Outputs">The outputs, in graph order.</param>
public sealed record ModelSignature(IReadOnlyList<TensorSpec> Inputs, IReadOnlyList<TensorSpec> Outputs)
{
    /// <summary>
    /// What in this (the candidate's) signature breaks clients of <paramref name="baseline"/> (stable's), one sentence
    /// each: an input stable's clients send that is missing or has another type or shape, an input the candidate needs
    /// that they do not send, an output they read that is missing or changed. Outputs the candidate adds break nothing.
    /// </summary>
    public IReadOnlyList<string> BreaksAgainst(ModelSignature baseline)
    {
        var breaks = new List<string>();
        var added = Inputs.Where(i => baseline.Inputs.All(b => b.Name != i.Name)).ToList();
        foreach (var input in baseline.Inputs)
        {
            var mine = Inputs.FirstOrDefault(i => i.Name == input.Name);
            if (mine is null)
            {
                var instead = added.Count == 0 ? "it has no input of that name" : $"it takes {string.Join(", ", added)} instead: was the input renamed?";
                breaks.Add($"input {input} that stable's clients send is missing from the candidate; {instead}");
            }
            else if (!mine.SameAs(input))
            {
                breaks.Add($"input '{input.Name}' changed from {input.ElementType} {input.ShapeText} in stable to {mine.ElementType} {mine.ShapeText} in the candidate");
            }
        }

        foreach (var input in added)
        {
            breaks.Add($"the candidate needs input {input}, which stable's clients do not send");
        }

        foreach (var output in baseline.Outputs)
        {
            var mine = Outputs.FirstOrDefault(o => o.Name == output.Name);
            if (mine is null)
            {
                breaks.Add($"output {output} that stable's clients read is missing from the candidate");
            }
            else if (!mine.SameAs(output))
            {
                breaks.Add($"output '{output.Name}' changed from {output.ElementType} {output.ShapeText} in stable to {mine.ElementType} {mine.ShapeText} in the candidate");
            }
        }

        return breaks;
    }

    /// <inheritdoc />
    public override string ToString() => $"inputs {string.Join(", ", Inputs)}; outputs {string.Join(", ", Outputs)}";
}
