using System.Collections.Concurrent;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Storage.Embedded;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Storage.Metadata;

/// <summary>
/// The in-memory <see cref="IMetadataStore"/>: family name → distinct (type, help, unit) entries, bounded by
/// <see cref="StorageOptions.MaxMetadataFamilies"/> and <see cref="StorageOptions.MaxMetadataPerFamily"/>. Families
/// are never removed: metric names are few and stable next to series (a fleet has thousands of families), and the
/// cap bounds the worst case.
/// </summary>
internal sealed class MetadataStore(IOptions<StorageOptions> options, StorageInstrumentation instrumentation) : IMetadataStore
{
    /// <summary>
    /// Longest family name, help text or unit kept, in characters. Real help strings are a sentence; this bounds what
    /// one sender can make the store hold (families × entries × this) without refusing its samples.
    /// </summary>
    public const int MaxHelpLength = 16 * 1024;

    private readonly ConcurrentDictionary<string, MetadataFamily> _families = new(StringComparer.Ordinal);
    private readonly int _maxFamilies = options.Value.MaxMetadataFamilies;
    private readonly int _maxPerFamily = options.Value.MaxMetadataPerFamily;

    // ConcurrentDictionary.Count takes every lock; the cap is checked on each new family, so it keeps its own count.
    private int _familyCount;
    private long _sequence;

    public void Record(IReadOnlyList<MetricMetadata> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        foreach (var entry in metadata)
        {
            if (entry.Help.Length > MaxHelpLength || entry.Unit.Length > MaxHelpLength || entry.FamilyName.Length > MaxHelpLength)
            {
                instrumentation.MetadataDropped.WithLabels("too_long").Inc();
                continue;
            }

            var family = FamilyOf(entry.FamilyName);
            if (family is null)
            {
                instrumentation.MetadataDropped.WithLabels("families").Inc();
                continue;
            }

            family.Record(entry, Interlocked.Increment(ref _sequence), _maxPerFamily);
        }
    }

    public IReadOnlyDictionary<string, IReadOnlyList<MetricMetadata>> Query(string? metric, int? limit, int? limitPerMetric)
    {
        var perFamily = limitPerMetric ?? int.MaxValue;
        var result = new SortedDictionary<string, IReadOnlyList<MetricMetadata>>(StringComparer.Ordinal);
        if (metric is not null)
        {
            if (limit != 0 && _families.TryGetValue(metric, out var one))
            {
                result[metric] = one.Snapshot(perFamily);
            }

            return result;
        }

        // Sorted so that a limit keeps the same families from one call to the next.
        foreach (var name in _families.Keys.Order(StringComparer.Ordinal))
        {
            if (result.Count >= (limit ?? int.MaxValue))
            {
                break;
            }

            result[name] = _families[name].Snapshot(perFamily);
        }

        return result;
    }

    private MetadataFamily? FamilyOf(string name)
    {
        if (_families.TryGetValue(name, out var family))
        {
            return family;
        }

        if (Interlocked.Increment(ref _familyCount) > _maxFamilies)
        {
            Interlocked.Decrement(ref _familyCount);
            return null;
        }

        var created = new MetadataFamily();
        if (_families.TryAdd(name, created))
        {
            instrumentation.MetadataFamilies.Set(Volatile.Read(ref _familyCount));
            return created;
        }

        // Another writer added it meanwhile: theirs stands, and this reservation is returned.
        Interlocked.Decrement(ref _familyCount);
        return _families[name];
    }
}
