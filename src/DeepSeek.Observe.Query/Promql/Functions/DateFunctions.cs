namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>
/// day_of_month, day_of_week, day_of_year, days_in_month, hour, minute, month, year: the argument is Unix seconds,
/// truncated toward zero as Go's int64 conversion does, read in UTC. The civil calendar is computed directly
/// (proleptic Gregorian, Hinnant's days-from-civil) so every 64-bit second count works, not only DateTime's years
/// 1–9999. NaN and ±Inf have no date; callers should emit nothing for them (Go's conversion gives an arbitrary
/// date there).
/// </summary>
public static class DateFunctions
{
    private const long SecondsPerDay = 86_400;

    public static double DayOfMonth(double unixSeconds) => Civil(unixSeconds).Day;

    /// <summary>0 = Sunday … 6 = Saturday.</summary>
    public static double DayOfWeek(double unixSeconds)
    {
        var days = FloorDiv(ToSeconds(unixSeconds), SecondsPerDay);
        // 1970-01-01 was a Thursday (4).
        return (double)FloorMod(days + 4, 7);
    }

    /// <summary>1 … 365 (366 in leap years).</summary>
    public static double DayOfYear(double unixSeconds)
    {
        var (year, month, day) = Civil(unixSeconds);
        return DaysBeforeMonth(year, month) + day;
    }

    public static double DaysInMonth(double unixSeconds)
    {
        var (year, month, _) = Civil(unixSeconds);
        return DaysIn(year, month);
    }

    public static double Hour(double unixSeconds) => FloorMod(ToSeconds(unixSeconds), SecondsPerDay) / 3600;

    public static double Minute(double unixSeconds) => FloorMod(ToSeconds(unixSeconds), 3600) / 60;

    public static double Month(double unixSeconds) => Civil(unixSeconds).Month;

    public static double Year(double unixSeconds) => Civil(unixSeconds).Year;

    /// <summary>Whether the value names a date at all (finite).</summary>
    public static bool HasDate(double unixSeconds) => double.IsFinite(unixSeconds);

    private static long ToSeconds(double unixSeconds) =>
        unixSeconds >= long.MaxValue ? long.MaxValue : unixSeconds <= long.MinValue ? long.MinValue : (long)unixSeconds;

    private static (long Year, int Month, int Day) Civil(double unixSeconds)
    {
        // Days since 1970-01-01 shifted to an era starting 0000-03-01, so the leap day ends each 400-year era.
        var z = FloorDiv(ToSeconds(unixSeconds), SecondsPerDay) + 719_468;
        var era = FloorDiv(z, 146_097);
        var dayOfEra = z - (era * 146_097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36_524) - (dayOfEra / 146_096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var mp = ((5 * dayOfYear) + 2) / 153;
        var day = (int)(dayOfYear - (((153 * mp) + 2) / 5) + 1);
        var month = (int)(mp < 10 ? mp + 3 : mp - 9);
        var year = yearOfEra + (era * 400) + (month <= 2 ? 1 : 0);
        return (year, month, day);
    }

    private static bool IsLeap(long year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    private static int DaysIn(long year, int month) => month switch
    {
        2 => IsLeap(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private static int DaysBeforeMonth(long year, int month)
    {
        var days = 0;
        for (var m = 1; m < month; m++)
        {
            days += DaysIn(year, m);
        }

        return days;
    }

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0 && ((a < 0) != (b < 0))) ? 1 : 0);

    private static long FloorMod(long a, long b) => a - (FloorDiv(a, b) * b);
}
