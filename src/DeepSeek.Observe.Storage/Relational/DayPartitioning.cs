using System.Globalization;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>
/// The UTC day partitions of a table partitioned by range on an int64 time column: day <c>d</c> holds the rows whose
/// time lies in [d × <see cref="UnitsPerDay"/>, (d + 1) × <see cref="UnitsPerDay"/>) and is named
/// <c>&lt;table&gt;_YYYYMMDD</c>. <see cref="SampleChunks"/> counts milliseconds, <see cref="LogEntries"/> nanoseconds.
/// </summary>
internal sealed class DayPartitioning
{
    private const long MillisecondsPerDay = 86_400_000;

    // Days outside DateTimeOffset's years 1–9999 still get a partition (remote_write allows any int64 timestamp and
    // an unflushable chunk would stall the log's truncation forever); they are named by day number instead.
    private static readonly long s_firstNamedDay = DateTimeOffset.MinValue.ToUnixTimeMilliseconds() / MillisecondsPerDay;
    private static readonly long s_lastNamedDay = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() / MillisecondsPerDay;

    private readonly string _dayNumberPrefix;

    public DayPartitioning(string table, long unitsPerDay)
    {
        Table = table;
        UnitsPerDay = unitsPerDay;
        TablePrefix = table + "_";
        _dayNumberPrefix = TablePrefix + "day_";
    }

    /// <summary><c>observe.sample_chunks</c>, by day of min_time in Unix milliseconds.</summary>
    public static DayPartitioning SampleChunks { get; } = new("sample_chunks", MillisecondsPerDay);

    /// <summary><c>observe.log_entries</c>, by day of ts_ns in Unix nanoseconds.</summary>
    public static DayPartitioning LogEntries { get; } = new("log_entries", MillisecondsPerDay * 1_000_000);

    /// <summary>The partitioned (parent) table, in schema <c>observe</c>.</summary>
    public string Table { get; }

    public long UnitsPerDay { get; }

    public string TablePrefix { get; }

    /// <summary>The day of a timestamp (floored, so negative times fall on the earlier day).</summary>
    public long Of(long timestamp) => Math.DivRem(timestamp, UnitsPerDay) is var (q, r) && r < 0 ? q - 1 : q;

    /// <summary>The first instant of <paramref name="day"/>, saturating at the ends of the int64 range.</summary>
    public long Start(long day) =>
        day > long.MaxValue / UnitsPerDay ? long.MaxValue
        : day < long.MinValue / UnitsPerDay ? long.MinValue
        : day * UnitsPerDay;

    public string TableName(long day) =>
        day >= s_firstNamedDay && day <= s_lastNamedDay
            ? TablePrefix + DateTimeOffset.FromUnixTimeMilliseconds(day * MillisecondsPerDay).ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            : _dayNumberPrefix + (day < 0 ? "m" + (-day).ToString(CultureInfo.InvariantCulture) : day.ToString(CultureInfo.InvariantCulture));

    /// <summary>The day of a partition named by <see cref="TableName"/>; false for any other table.</summary>
    public bool TryParse(string tableName, out long day)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        day = 0;
        if (tableName.StartsWith(_dayNumberPrefix, StringComparison.Ordinal))
        {
            var number = tableName.AsSpan(_dayNumberPrefix.Length);
            var negative = number.StartsWith("m");
            if (!long.TryParse(negative ? number[1..] : number, NumberStyles.None, CultureInfo.InvariantCulture, out var magnitude))
            {
                return false;
            }

            day = negative ? -magnitude : magnitude;
            return true;
        }

        if (!tableName.StartsWith(TablePrefix, StringComparison.Ordinal)
            || !DateTime.TryParseExact(tableName.AsSpan(TablePrefix.Length), "yyyyMMdd", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
        {
            return false;
        }

        day = new DateTimeOffset(date, TimeSpan.Zero).ToUnixTimeMilliseconds() / MillisecondsPerDay;
        return true;
    }

    /// <summary>The statement that creates the partition of <paramref name="day"/> unless it exists.</summary>
    public string CreateSql(long day) =>
        string.Create(CultureInfo.InvariantCulture,
            $"CREATE TABLE IF NOT EXISTS observe.{TableName(day)} PARTITION OF observe.{Table} FOR VALUES FROM ({Bound(day)}) TO ({Bound(day + 1)})");

    // The first and last days are cut by the int64 range; MINVALUE/MAXVALUE keep their extreme timestamps insertable.
    private string Bound(long day) =>
        day > long.MaxValue / UnitsPerDay ? "MAXVALUE"
        : day < long.MinValue / UnitsPerDay ? "MINVALUE"
        : (day * UnitsPerDay).ToString(CultureInfo.InvariantCulture);
}
