using ModelRelease.Samples.Sentiment.Internal;

namespace ModelRelease.Samples.Sentiment.Tests;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--out x --examples five", "--examples 'five' is not a whole number")]
    [InlineData("--out x --examples 2", "--examples is 2: give at least 10")]
    [InlineData("--out x --epochs 0", "--epochs is 0: give 1 or more")]
    [InlineData("--out x --input-name 9lives", "--input-name '9lives' is not a valid input name")]
    [InlineData("--out x --learning-rate 0.1", "Unknown option '--learning-rate'. Valid options: --out,")]
    [InlineData("--out x --count 3", "--count does not apply with --out")]
    [InlineData("--out", "--out needs a value")]
    [InlineData("", "Nothing to do: give --out DIR")]
    [InlineData("--write-eval e.jsonl --out x", "give exactly one of --out, --write-eval, --write-requests")]
    [InlineData("--write-eval e.jsonl --count 0", "--count is 0: give 1 or more")]
    public void Should_Exit_2_Naming_The_Option_And_A_Right_Value_When_An_Option_Is_Bad(string args, string message)
    {
        var (exit, _, error) = Run(args.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(CommandLine.Usage, exit);
        Assert.Contains(message, error);
        Assert.False(Directory.Exists("x"));
    }

    [Fact]
    public void Should_Write_An_Evaluation_Set_With_Count_And_Seed()
    {
        var directory = Directory.CreateTempSubdirectory("sentiment-cli-").FullName;
        var path = Path.Combine(directory, "eval.jsonl");
        var expected = Path.Combine(directory, "expected.jsonl");
        SentimentData.WriteEvaluationSet(expected, 12, seed: 5);

        var (exit, output, _) = Run(["--write-eval", path, "--count=12", "--seed", "5"]);

        Assert.Equal(CommandLine.Done, exit);
        Assert.Contains($"Wrote 12 evaluation rows to {path}", output);
        Assert.Equal(File.ReadAllBytes(expected), File.ReadAllBytes(path));
        Directory.Delete(directory, recursive: true);
    }

    private static (int Exit, string Output, string Error) Run(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CommandLine.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
