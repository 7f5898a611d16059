using DeepSeek.Observe.Alerting.Notifications.Matching;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.Notifications.Silences;

/// <summary>
/// The silences, bounded and persisted after every change. Expired silences are kept for
/// <c>retention</c> (visible in the API, as in Alertmanager) and then forgotten.
/// </summary>
internal sealed class SilenceStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Silence> _silences = new(StringComparer.Ordinal);
    private readonly SilenceFile? _file;
    private readonly TimeProvider _time;
    private readonly int _maxSilences;
    private readonly TimeSpan _retention;

    public SilenceStore(SilenceFile? file, TimeProvider time, int maxSilences, TimeSpan retention)
    {
        _file = file;
        _time = time;
        _maxSilences = maxSilences;
        _retention = retention;
        foreach (var silence in file?.Read() ?? [])
        {
            _silences[silence.Id] = silence;
        }
    }

    public IReadOnlyList<Silence> List()
    {
        lock (_lock)
        {
            return [.. _silences.Values];
        }
    }

    public Silence? Get(string id)
    {
        lock (_lock)
        {
            return _silences.GetValueOrDefault(id);
        }
    }

    /// <summary>The ids of the active silences that mute <paramref name="labels"/>.</summary>
    public IReadOnlyList<string> Muting(LabelSet labels, DateTimeOffset now)
    {
        lock (_lock)
        {
            List<string>? ids = null;
            foreach (var silence in _silences.Values)
            {
                if (silence.Mutes(labels, now))
                {
                    (ids ??= []).Add(silence.Id);
                }
            }

            return ids ?? (IReadOnlyList<string>)[];
        }
    }

    /// <summary>
    /// Creates a silence (<paramref name="id"/> null) or updates one. An update that keeps the matchers of a silence
    /// that has not expired changes it in place; otherwise, as in Alertmanager, the old one is expired and a new one
    /// with a new id is created.
    /// </summary>
    public SilenceSetResult Set(
        string? id, IReadOnlyList<Matcher> matchers, DateTimeOffset startsAt, DateTimeOffset endsAt, string createdBy, string comment)
    {
        var now = _time.GetUtcNow();
        if (SilenceValidation.Validate(matchers, startsAt, endsAt, now) is { } error)
        {
            return SilenceSetResult.Invalid(error);
        }

        lock (_lock)
        {
            Collect(now);
            Silence? existing = null;
            if (id is not null && !_silences.TryGetValue(id, out existing))
            {
                return SilenceSetResult.NotFound;
            }

            if (existing is not null && existing.State(now) != SilenceState.Expired && SameMatchers(existing.Matchers, matchers))
            {
                // An active silence cannot move its start: it has already muted alerts since then.
                var start = existing.State(now) == SilenceState.Active ? existing.StartsAt : startsAt;
                var updated = existing with { StartsAt = start, EndsAt = endsAt, UpdatedAt = now, CreatedBy = createdBy, Comment = comment };
                _silences[updated.Id] = updated;
                Persist();
                return SilenceSetResult.Stored(updated.Id);
            }

            if (_silences.Count >= _maxSilences)
            {
                return SilenceSetResult.Full(_maxSilences);
            }

            if (existing is not null && existing.State(now) != SilenceState.Expired)
            {
                _silences[existing.Id] = Expired(existing, now);
            }

            var created = new Silence(
                Guid.NewGuid().ToString(), matchers, startsAt < now ? now : startsAt, endsAt, now, createdBy, comment);
            _silences[created.Id] = created;
            Persist();
            return SilenceSetResult.Stored(created.Id);
        }
    }

    /// <summary>Expires a silence now; false when there is no such silence.</summary>
    public ExpireResult Expire(string id)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (!_silences.TryGetValue(id, out var silence))
            {
                return ExpireResult.NotFound;
            }

            if (silence.State(now) == SilenceState.Expired)
            {
                return ExpireResult.AlreadyExpired;
            }

            _silences[id] = Expired(silence, now);
            Persist();
            return ExpireResult.Expired;
        }
    }

    private static Silence Expired(Silence silence, DateTimeOffset now) =>
        silence.State(now) == SilenceState.Pending
            ? silence with { StartsAt = now, EndsAt = now, UpdatedAt = now }
            : silence with { EndsAt = now, UpdatedAt = now };

    private static bool SameMatchers(IReadOnlyList<Matcher> a, IReadOnlyList<Matcher> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Name == p.Second.Name && p.First.Type == p.Second.Type && p.First.Value == p.Second.Value);

    private void Collect(DateTimeOffset now)
    {
        foreach (var stale in _silences.Values.Where(s => s.EndsAt + _retention < now).Select(s => s.Id).ToList())
        {
            _silences.Remove(stale);
        }
    }

    private void Persist() => _file?.Write(_silences.Values);
}
