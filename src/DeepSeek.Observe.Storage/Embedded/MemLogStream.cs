using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>
/// One log stream in the log store's index: its labels and where its lines are. The lines themselves stay on disk;
/// memory holds a few dozen bytes per stream per record. Guarded by the owning store's lock.
/// </summary>
internal sealed class MemLogStream(LabelSet labels)
{
    public LabelSet Labels { get; } = labels;

    public List<LogChunkRef> Chunks { get; } = [];

    public void Add(LogChunkRef chunk)
    {
        // A stream named twice in one write is one record to read, not two.
        if (Chunks.Count > 0 && Chunks[^1].Position == chunk.Position)
        {
            var last = Chunks[^1];
            Chunks[^1] = last with { MinNs = Math.Min(last.MinNs, chunk.MinNs), MaxNs = Math.Max(last.MaxNs, chunk.MaxNs) };
            return;
        }

        Chunks.Add(chunk);
    }

    public bool HasLinesIn(long startNs, long endNs) => Chunks.Exists(c => c.Overlaps(startNs, endNs));
}
