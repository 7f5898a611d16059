using DeepSeek.Observe.Query.Promql.Functions;

namespace DeepSeek.Observe.Query.Tests.Promql.Functions;

public class DateFunctionsTests
{
    [Fact]
    public void LeapDay2000()
    {
        const double t = 951782400; // 2000-02-29T00:00:00Z, a Tuesday
        Assert.Equal(2000, DateFunctions.Year(t));
        Assert.Equal(2, DateFunctions.Month(t));
        Assert.Equal(29, DateFunctions.DayOfMonth(t));
        Assert.Equal(60, DateFunctions.DayOfYear(t));
        Assert.Equal(29, DateFunctions.DaysInMonth(t));
        Assert.Equal(2, DateFunctions.DayOfWeek(t));
    }

    [Fact]
    public void BeforeEpoch_FloorsToPreviousDay()
    {
        Assert.Equal(1969, DateFunctions.Year(-1));
        Assert.Equal(23, DateFunctions.Hour(-1));
        Assert.Equal(59, DateFunctions.Minute(-1));
        Assert.Equal(3, DateFunctions.DayOfWeek(-1)); // Wednesday
        Assert.Equal(365, DateFunctions.DayOfYear(-1));
    }

    [Fact]
    public void BeyondDateTimeRange_StillComputed()
    {
        Assert.Equal(10000, DateFunctions.Year(253402300800));
        Assert.Equal(1, DateFunctions.Month(253402300800));
        Assert.False(DateFunctions.HasDate(double.NaN));
    }

    [Fact]
    public void FractionalSeconds_TruncatedTowardZero()
    {
        Assert.Equal(31, DateFunctions.Minute(1234567890.9));
        Assert.Equal(28, DateFunctions.DaysInMonth(1677628799)); // 2023-02-28T23:59:59Z
    }
}
