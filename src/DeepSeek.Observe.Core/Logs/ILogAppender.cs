using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Core.Logs;

/// <summary>Where receivers write log lines. Implemented by the store; the host wires it, as for <see cref="ISampleAppender"/>.</summary>
public interface ILogAppender
{
    /// <summary>
    /// Stores every entry of <paramref name="batch"/> or none. Completes only once the entries are durable, so a
    /// receiver may acknowledge them; throws <see cref="AppendRejectedException"/> when the write is refused.
    /// Returns the number of entries stored.
    /// </summary>
    ValueTask<int> AppendAsync(IReadOnlyList<StreamEntries> batch, CancellationToken cancellationToken);
}
