using ModelRelease.Internal;

namespace ModelRelease.Tests.Registry;

public sealed class VersionNumberingTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 28, 12, 0, 0, 250, TimeSpan.Zero);

    [Fact]
    public void Should_Name_And_Number_A_First_Version_By_The_Second()
    {
        var (name, number) = VersionNumbering.Next(Noon, null, null, _ => false);

        Assert.Equal(("v-20261128-120000", 20261128120000L), (name, number));
    }

    [Fact]
    public void Should_Use_Utc_Whatever_The_Offset_Given()
    {
        var (name, number) = VersionNumbering.Next(new DateTimeOffset(2026, 11, 28, 13, 0, 0, TimeSpan.FromHours(1)), null, null, _ => false);

        Assert.Equal(("v-20261128-120000", 20261128120000L), (name, number));
    }

    [Fact]
    public void Should_Move_To_The_Next_Free_Second_When_The_Number_Is_Taken()
    {
        var (name, number) = VersionNumbering.Next(Noon, 20261128120000, null, _ => false);

        Assert.Equal(("v-20261128-120001", 20261128120001L), (name, number));
    }

    [Fact]
    public void Should_Jump_Past_A_Newest_Number_Hours_Ahead_Of_The_Clock()
    {
        var (name, number) = VersionNumbering.Next(Noon, 20261128175959, null, _ => false);

        Assert.Equal(("v-20261128-180000", 20261128180000L), (name, number));
    }

    [Fact]
    public void Should_Step_Over_A_Default_Name_Already_Used_As_A_Business_Name()
    {
        var (name, number) = VersionNumbering.Next(Noon, null, null, n => n == "v-20261128-120000");

        Assert.Equal(("v-20261128-120001", 20261128120001L), (name, number));
    }

    [Fact]
    public void Should_Keep_A_Given_Name_And_Still_Number_By_Time()
    {
        var (name, number) = VersionNumbering.Next(Noon, 20261128120000, "fraud-v2", _ => true);

        Assert.Equal(("fraud-v2", 20261128120001L), (name, number));
    }

    [Fact]
    public void Should_Stay_Strictly_Increasing_After_A_Hand_Edited_Number()
    {
        var (_, number) = VersionNumbering.Next(Noon, 99999999999999999, null, _ => false);

        Assert.Equal(100000000000000000L, number);
    }
}
