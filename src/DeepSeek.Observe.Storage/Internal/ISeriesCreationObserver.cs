using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Storage.Internal;

/// <summary>Told of every series the embedded store creates or replays; must not block (it runs on the write path).</summary>
internal interface ISeriesCreationObserver
{
    void OnSeriesCreated(LabelSet series);
}
