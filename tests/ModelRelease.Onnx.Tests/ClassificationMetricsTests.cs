namespace ModelRelease.Onnx.Tests;

public sealed class ClassificationMetricsTests
{
    [Fact]
    public void Should_Count_Tied_Scores_As_Half_In_The_Auc()
    {
        // One positive and one negative with the same score: a coin flip, 0.5.
        Assert.Equal(0.5, ClassificationMetrics.Auc([true, false], [0.7, 0.7]));
        Assert.Equal(1.0, ClassificationMetrics.Auc([true, false, true], [0.9, 0.1, 0.8]));
        Assert.Equal(0.875, ClassificationMetrics.Auc([true, false, true, false], [0.9, 0.5, 0.5, 0.1]));
    }

    [Fact]
    public void Should_Have_No_Auc_For_One_Class_And_A_Finite_Log_Loss_For_A_Confident_Miss()
    {
        Assert.Null(ClassificationMetrics.Auc([true, true], [0.2, 0.9]));
        var loss = ClassificationMetrics.LogLoss([true], [0.0]);
        Assert.True(double.IsFinite(loss));
        Assert.Equal(-Math.Log(ClassificationMetrics.LogLossEpsilon), loss, 9);
    }

    [Fact]
    public void Should_Take_The_Nearest_Rank_Percentile()
    {
        double[] values = [5, 1, 4, 2, 3];
        Assert.Equal(3, ClassificationMetrics.Percentile(values, 50));
        Assert.Equal(5, ClassificationMetrics.Percentile(values, 99));
        Assert.Equal(1, ClassificationMetrics.Percentile(values, 1));
    }
}
