namespace ModelRelease.Tests;

public sealed class ChangePlanTests
{
    [Fact]
    public void Should_Phrase_Each_Change_As_A_Would_Sentence_In_Order()
    {
        var plan = new ChangePlan()
            .Copy(12, 310_000_000, "serving/mnist/versions/v2")
            .MoveLabel("stable", "v1", "v2")
            .MoveLabel("canary", null, "v3")
            .Delete("versions/v0", 1_500)
            .Write("models.config")
            .Record("a push event")
            .Run("docker push");

        Assert.Equal(
            [
                "would copy 12 files (310 MB) to serving/mnist/versions/v2",
                "would move stable from v1 to v2",
                "would set canary to v3",
                "would delete versions/v0 (1.5 KB)",
                "would write models.config",
                "would record a push event",
                "would run docker push",
            ],
            plan.Changes.Select(c => c.ToString()));
        Assert.Equal([ChangeKind.Copy, ChangeKind.Move, ChangeKind.Move, ChangeKind.Delete, ChangeKind.Write, ChangeKind.Record, ChangeKind.Run], plan.Changes.Select(c => c.Kind));
    }

    [Fact]
    public void Should_Say_File_For_A_Single_File()
    {
        Assert.Equal("would copy 1 file (5 B) to x", new ChangePlan().Copy(1, 5, "x").Changes.Single().ToString());
    }

    [Fact]
    public void Should_Be_Empty_Until_Something_Is_Planned()
    {
        var plan = new ChangePlan();
        Assert.True(plan.IsEmpty);

        plan.Write("routing.json", "weights");
        Assert.False(plan.IsEmpty);
        Assert.Equal("would write routing.json (weights)", plan.Changes.Single().ToString());
    }

    [Fact]
    public void Should_Refuse_A_Blank_Description()
    {
        Assert.Throws<ArgumentException>(() => new ChangePlan().Add(ChangeKind.Write, " "));
    }
}
