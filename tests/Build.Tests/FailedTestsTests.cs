namespace Build.Tests;

public sealed class FailedTestsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelrelease-trx-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void WriteTrx(string name, string results) =>
        File.WriteAllText(Path.Combine(_directory, name), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
            {results}
              </Results>
            </TestRun>
            """);

    private static string Result(string name, string outcome, string message = "") => $"""
            <UnitTestResult testName="{name}" outcome="{outcome}">
              <Output><ErrorInfo><Message>{message}</Message><StackTrace>   at Somewhere()</StackTrace></ErrorInfo></Output>
            </UnitTestResult>
        """;

    [Fact]
    public void Should_Name_Each_Failed_Test_With_The_First_Lines_Of_Its_Message()
    {
        WriteTrx("B.Tests.trx", Result("B.Tests.Passes", "Passed") + Result("B.Tests.Times_Out", "Timeout", "took too long"));
        WriteTrx("A.Tests.trx", Result("A.Tests.Fails(x: {1})", "Failed", "Assert.Equal() Failure\r\nExpected: 1\r\nActual:   2\nline 4\nline 5"));

        var lines = FailedTests.Read(_directory);

        Assert.Equal(
            [
                "A.Tests: A.Tests.Fails(x: {1})",
                "    Assert.Equal() Failure",
                "    Expected: 1",
                "    Actual:   2",
                "    line 4",
                "B.Tests: B.Tests.Times_Out",
                "    took too long",
            ],
            lines);
    }

    [Fact]
    public void Should_Name_Nothing_When_Every_Test_Passed_Or_None_Ran()
    {
        WriteTrx("A.Tests.trx", Result("A.Tests.Passes", "Passed") + Result("A.Tests.Skipped", "NotExecuted"));

        Assert.Empty(FailedTests.Read(_directory));
        Assert.Empty(FailedTests.Read(Path.Combine(_directory, "missing")));
    }
}
