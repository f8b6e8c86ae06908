namespace ModelRelease.Tests;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(999, "999 B")]
    [InlineData(1_000, "1 KB")]
    [InlineData(1_540, "1.5 KB")]
    [InlineData(310_000_000, "310 MB")]
    [InlineData(2_250_000_000, "2.3 GB")]
    [InlineData(long.MaxValue, "9.2 EB")]
    public void Should_Format_With_A_Decimal_Unit(long bytes, string expected)
    {
        Assert.Equal(expected, ByteSize.Format(bytes));
    }

    [Fact]
    public void Should_Refuse_A_Negative_Size()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ByteSize.Format(-1));
    }
}
