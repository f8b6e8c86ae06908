namespace Build.Tests;

public sealed class TestResultCountsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelrelease-trx-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void WriteTrx(string name, string counters) =>
        File.WriteAllText(Path.Combine(_directory, name), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <ResultSummary outcome="Completed">
                <Counters {counters} />
              </ResultSummary>
            </TestRun>
            """);

    [Fact]
    public void Should_Add_Up_Every_Trx_File()
    {
        WriteTrx("A.trx", """total="10" executed="9" passed="8" failed="1" error="0" timeout="0" aborted="0" notExecuted="1" """);
        Directory.CreateDirectory(Path.Combine(_directory, "nested"));
        WriteTrx("nested/B.trx", """total="5" executed="5" passed="4" failed="0" error="1" timeout="0" aborted="0" notExecuted="0" """);

        var counts = TestResultCounts.Read(_directory);

        Assert.Equal(new TestResultCounts(12, 2, 1), counts);
        Assert.Equal("Tests: 12 passed, 2 failed, 1 skipped", counts.ToString());
    }

    [Fact]
    public void Should_Count_Nothing_When_No_Test_Ran()
    {
        Assert.Equal(new TestResultCounts(0, 0, 0), TestResultCounts.Read(Path.Combine(_directory, "missing")));
    }
}
